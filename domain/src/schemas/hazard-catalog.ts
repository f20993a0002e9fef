import { z } from 'zod';
import { ZDateOnly } from './date';
import { ZMineCategory, ZMineType } from './mine';

/**
 * A major-hazard standard (重大事故隐患判定标准) as versioned, editable data: categories (one per
 * article, or per numbered item of a part) and their sub-situations, each with its source. A part
 * whose official list could not be read end to end is `complete: false` and says so in `note`, for
 * an administrator to complete by uploading the next version.
 */
const CODE = z.string().regex(/^[A-Z][A-Z0-9-]{0,19}$/, '编码由大写字母、数字和连字符组成');
const CONFIDENCE = z.enum(['H', 'M', 'L']);

export const ZCatalogItem = z.object({
  code: CODE,
  text: z.string().min(1).max(500),
  source: z.string().max(500).optional(),
  confidence: CONFIDENCE.optional(),
});
export type CatalogItem = z.infer<typeof ZCatalogItem>;

export const ZCatalogCategory = z.object({
  code: CODE,
  title: z.string().min(1).max(300),
  /** 第四条 …; for the metal/non-metal standard the item number, e.g. 一、(一). */
  article: z.string().max(40).optional(),
  /** The part of a standard (地下矿山 / 露天矿山 / 尾矿库) the category belongs to. */
  part: z.string().max(40).optional(),
  /** Only mines of these types; absent: every mine the standard applies to. */
  mineTypes: z.array(ZMineType).optional(),
  complete: z.boolean(),
  note: z.string().max(500).optional(),
  source: z.string().min(1).max(500),
  confidence: CONFIDENCE.optional(),
  items: z.array(ZCatalogItem),
});
export type CatalogCategory = z.infer<typeof ZCatalogCategory>;

export const ZHazardStandard = z
  .object({
    key: z.string().regex(/^[a-z0-9-]{3,40}$/),
    version: z.number().int().min(1),
    title: z.string().min(1).max(200),
    documentNumber: z.string().min(1).max(60),
    effectiveFrom: ZDateOnly,
    mineCategory: ZMineCategory,
    source: z.string().min(1).max(1000),
    note: z.string().max(1000).optional(),
    categories: z.array(ZCatalogCategory).min(1),
  })
  .superRefine((standard, ctx) => {
    const seen = new Set<string>();
    standard.categories.forEach((c, i) => {
      for (const [code, path] of [
        [c.code, ['categories', i, 'code']],
        ...c.items.map((item, j) => [item.code, ['categories', i, 'items', j, 'code']] as const),
      ] as const) {
        if (seen.has(code)) ctx.addIssue({ code: 'custom', path: [...path], message: `编码${code}重复` });
        seen.add(code);
      }
    });
  });
export type HazardStandard = z.infer<typeof ZHazardStandard>;

export const ZHazardStandardSummary = z.object({
  id: z.string(),
  key: z.string(),
  version: z.number(),
  title: z.string(),
  documentNumber: z.string(),
  mineCategory: ZMineCategory,
  categories: z.number(),
  items: z.number(),
  incompleteCategories: z.number(),
  createdAt: z.string(),
});
export type HazardStandardSummary = z.infer<typeof ZHazardStandardSummary>;
