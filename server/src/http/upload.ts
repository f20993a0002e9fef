import type { MultipartFile } from '@fastify/multipart';
import { UPLOAD_MAX_MB } from '@tiegui/domain';
import type { FastifyRequest } from 'fastify';
import { invalidField } from '../lib/errors';
import type { Download } from './download';

/**
 * The one file of a multipart request, field `file`. Anything else — not multipart, another
 * field, too large, a body the multipart parser cannot read (no or wrong boundary, cut short) — is
 * a 400 naming `file`, so the page shows it at the upload.
 */
export async function uploadedFile(request: FastifyRequest, what = '文件'): Promise<Download> {
  if (!request.isMultipart()) {
    throw invalidField('file', `${what}：请以表单文件方式（multipart/form-data）上传`);
  }
  // Every error reading the body is the sender's: the parser's own have no HTTP status.
  const unreadable = (error: unknown) =>
    error instanceof Error && 'code' in error && error.code === 'FST_REQ_FILE_TOO_LARGE'
      ? invalidField('file', `${what}：文件不能超过${UPLOAD_MAX_MB}MB`)
      : invalidField('file', `${what}：上传的内容不完整或格式不正确，请重新选择文件上传`);
  let part: MultipartFile | undefined;
  try {
    part = await request.file();
  } catch (error) {
    throw unreadable(error);
  }
  if (part?.fieldname !== 'file') throw invalidField('file', `${what}：请选择要上传的${what}`);
  try {
    return { fileName: part.filename || '未命名文件', content: await part.toBuffer() };
  } catch (error) {
    throw unreadable(error);
  }
}
