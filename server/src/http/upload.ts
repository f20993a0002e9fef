import { UPLOAD_MAX_MB } from '@tiegui/domain';
import type { FastifyRequest } from 'fastify';
import { invalidField } from '../lib/errors';
import type { Download } from './download';

/**
 * The one file of a multipart request, field `file`. Anything else — not multipart, another
 * field, too large — is a 400 naming `file`, so the page shows it at the upload.
 */
export async function uploadedFile(request: FastifyRequest, what = '文件'): Promise<Download> {
  if (!request.isMultipart()) {
    throw invalidField('file', `${what}：请以表单文件方式（multipart/form-data）上传`);
  }
  const part = await request.file();
  if (part?.fieldname !== 'file') throw invalidField('file', `${what}：请选择要上传的${what}`);
  try {
    return { fileName: part.filename || '未命名文件', content: await part.toBuffer() };
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw invalidField('file', `${what}：文件不能超过${UPLOAD_MAX_MB}MB`);
    }
    throw error;
  }
}
