import {
  FILE_NAME_MAX_LENGTH,
  UPLOAD_ACCEPT,
  UPLOAD_MAX_MB,
  UPLOAD_TYPES,
  type UploadExtension,
} from '@tiegui/domain';

const bytes = (...b: number[]) => Buffer.from(b);
const ZIP = [bytes(0x50, 0x4b, 0x03, 0x04), bytes(0x50, 0x4b, 0x05, 0x06)];
/** Compound File Binary: the container of the old Office formats. */
const CFB = [bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)];

/** The bytes each allowed kind of file starts with (OFD, docx and xlsx are zip packages). */
const MAGIC: Record<UploadExtension, Buffer[]> = {
  pdf: [Buffer.from('%PDF-', 'latin1')],
  doc: CFB,
  xls: CFB,
  docx: ZIP,
  xlsx: ZIP,
  ofd: ZIP,
  zip: ZIP,
  jpg: [bytes(0xff, 0xd8, 0xff)],
  jpeg: [bytes(0xff, 0xd8, 0xff)],
  png: [bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)],
};

export const MAX_NAME_LENGTH = FILE_NAME_MAX_LENGTH;

/** The name as stored: no folders, no control characters, at most 200 characters with its extension kept. */
export function cleanFileName(raw: string): string {
  const base = (raw.split(/[/\\]/).pop() ?? '')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim();
  if (base.length <= MAX_NAME_LENGTH) return base;
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 && base.length - dot <= 10 ? base.slice(dot) : '';
  return base.slice(0, MAX_NAME_LENGTH - ext.length) + ext;
}

export type FileCheck = { ok: true; mime: string } | { ok: false; message: string };

/** Allowed by extension and by content: a renamed executable is refused. */
export function checkUpload(name: string, content: Buffer, maxBytes: number): FileCheck {
  if (content.length === 0) return { ok: false, message: '文件：文件内容为空' };
  if (content.length > maxBytes) return { ok: false, message: `文件：文件不能超过${UPLOAD_MAX_MB}MB` };
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
  if (!Object.hasOwn(UPLOAD_TYPES, ext)) {
    return { ok: false, message: `文件：不支持此类型，只能上传 ${UPLOAD_ACCEPT.replaceAll(',', ' ')} 文件` };
  }
  const known = ext as UploadExtension;
  if (!MAGIC[known].some((m) => content.subarray(0, m.length).equals(m))) {
    return { ok: false, message: `文件：内容与扩展名 .${ext} 不符，请上传真实的 ${ext.toUpperCase()} 文件` };
  }
  return { ok: true, mime: UPLOAD_TYPES[known] };
}
