import type { FastifyReply } from 'fastify';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A file going out: its (Chinese) name and its bytes. */
export interface Download {
  fileName: string;
  content: Buffer;
}

/** RFC 6266 download header: an ASCII fallback plus the UTF-8 (Chinese) name. */
export function sendDownload(reply: FastifyReply, file: Download, fallback: string, type = XLSX_TYPE) {
  const encoded = encodeURIComponent(file.fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return reply
    .header('content-type', type)
    .header('content-disposition', `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`)
    .header('cache-control', 'no-store')
    .send(file.content);
}
