import { z } from 'zod';
import { FILE_NAME_MAX_LENGTH } from './notice';

/** Field types shared by the hazard register, its workflow evidence and its imports. */

/** A file uploaded through POST /api/files, referenced by id. */
export const ZHazardFileRef = z.strictObject({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(FILE_NAME_MAX_LENGTH),
});
export type HazardFileRef = z.infer<typeof ZHazardFileRef>;

export const fileRefs = (max: number, min = 0) =>
  z
    .array(ZHazardFileRef)
    .min(min, min > 0 ? `请至少上传${min}个文件` : undefined)
    .max(max, `最多${max}个文件`);

/** Text a user types: trimmed, required unless optional. */
export const text = (max: number, min = 1) =>
  z
    .string()
    .trim()
    .min(min, min > 1 ? `至少${min}个字` : '不能为空')
    .max(max, `不能超过${max}个字`);

/** An amount in yuan with at most two decimals; stored as integer 分. */
export const ZYuan = z
  .number()
  .min(0, '金额不能为负数')
  .max(1e10, '金额过大')
  .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, '金额最多保留两位小数');

export const yuanToFen = (yuan: number) => Math.round(yuan * 100);
export const fenToYuan = (fen: number) => fen / 100;
