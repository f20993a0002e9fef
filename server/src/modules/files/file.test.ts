import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../testing';
import { checkUpload, cleanFileName } from './file.types';

let ctx: TestContext;
let city: string;
beforeAll(async () => {
  ctx = await createTestContext();
  city = await ctx.login('xz-city');
});
afterAll(() => ctx.close());

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n', 'latin1');
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(32, 1),
]);
const ZIP = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(40, 2)]);

/** A multipart request with one file part (field `file` unless told). */
function upload(fileName: string, content: Buffer, cookie: string | null = city, field = 'file') {
  const boundary = '----tiegui-file-test';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
  );
  return ctx.app.inject({
    method: 'POST',
    url: '/api/files',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, ...(cookie ? { cookie } : {}) },
    payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
  });
}

const download = (id: string, cookie: string | null) =>
  ctx.app.inject({ method: 'GET', url: `/api/files/${id}`, headers: cookie ? { cookie } : {} });

describe('file type rules', () => {
  it('keeps the base name and its extension when a name is too long', () => {
    expect(cleanFileName('C:\\Users\\王\\文件.pdf')).toBe('文件.pdf');
    const long = cleanFileName(`${'长'.repeat(300)}.docx`);
    expect(long).toHaveLength(200);
    expect(long.endsWith('.docx')).toBe(true);
  });

  it('judges by extension and by content', () => {
    expect(checkUpload('a.pdf', PDF, 100)).toEqual({ ok: true, mime: 'application/pdf' });
    expect(checkUpload('a.OFD', ZIP, 100)).toEqual({ ok: true, mime: 'application/ofd' });
    expect(checkUpload('a.exe', PDF, 100).ok).toBe(false);
    expect(checkUpload('a.png', PDF, 100).ok).toBe(false);
    expect(checkUpload('a.pdf', PDF, 10).ok).toBe(false);
  });
});

describe('POST /api/files', () => {
  it('401 without a session', async () => {
    expect((await upload('通知.pdf', PDF, null)).statusCode).toBe(401);
  });

  it('400 naming `file` when the request is not a file upload', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/files',
      headers: { cookie: city },
      payload: { file: 'x' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toEqual([{ field: 'file', message: expect.stringContaining('multipart') }]);
  });

  it('400 naming `file` for a type that is not allowed', async () => {
    const res = await upload('setup.exe', Buffer.from('MZ\x90\x00'));
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0]).toEqual({ field: 'file', message: expect.stringContaining('不支持') });
  });

  it('400 when the content does not match the extension (a renamed file)', async () => {
    const res = await upload('通知.pdf', Buffer.from('MZ\x90\x00 not a pdf'));
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0]).toEqual({ field: 'file', message: expect.stringContaining('不符') });
  });

  it('400 for an empty file and for one over 10 MB', async () => {
    expect((await upload('空.pdf', Buffer.alloc(0))).json().fields[0].field).toBe('file');
    const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]);
    const res = await upload('大.pdf', big);
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0]).toEqual({ field: 'file', message: expect.stringContaining('10MB') });
  });

  it('400 when the part is not named `file`', async () => {
    const res = await upload('通知.pdf', PDF, city, 'attachment');
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0].field).toBe('file');
  });

  it('403 for an administrator (三员 keep no business files)', async () => {
    expect((await upload('通知.pdf', PDF, await ctx.login('sx-audit'))).statusCode).toBe(403);
  });

  it('stores the file under its sha256 once, however often it is uploaded, and audits each upload', async () => {
    const first = await upload('忻应急发〔2024〕118号.pdf', PDF);
    expect(first.statusCode).toBe(201);
    const sha = createHash('sha256').update(PDF).digest('hex');
    expect(first.json()).toMatchObject({
      name: '忻应急发〔2024〕118号.pdf',
      mime: 'application/pdf',
      size: PDF.length,
      sha256: sha,
    });
    const second = await upload('副本.pdf', PDF);
    expect(second.json().id).not.toBe(first.json().id);
    expect(second.json().sha256).toBe(sha);
    const folder = path.join(ctx.dataDir, 'files', sha.slice(0, 2));
    expect(fs.readdirSync(folder)).toEqual([sha]);
    expect(fs.readFileSync(path.join(folder, sha)).equals(PDF)).toBe(true);

    const audit = await ctx.db
      .selectFrom('audit_events')
      .select(['action', 'actor_username'])
      .where('entity_id', '=', first.json().id)
      .execute();
    expect(audit).toEqual([{ action: 'file.uploaded', actor_username: 'xz-city' }]);
  });

  it('accepts images and zip-based office files', async () => {
    expect((await upload('现场.png', PNG)).json().mime).toBe('image/png');
    expect((await upload('方案.docx', ZIP)).json().mime).toContain('wordprocessingml');
  });
});

describe('GET /api/files/:id', () => {
  let fileId: string;
  beforeAll(async () => {
    fileId = (await upload('附件一.pdf', PDF)).json().id;
  });

  it('401 without a session', async () => {
    expect((await download(fileId, null)).statusCode).toBe(401);
  });

  it('404 for another org that sees no record referencing it, for an administrator and for a malformed id', async () => {
    expect((await download(fileId, await ctx.login('yp-mine'))).statusCode).toBe(404);
    expect((await download(fileId, await ctx.login('sx-audit'))).statusCode).toBe(404);
    expect((await download('../../etc/passwd', city)).statusCode).toBe(404);
    expect((await download('01ARZ3NDEKTSV4RRFFQ69G5FAV', city)).statusCode).toBe(404);
  });

  it('the owner org downloads it under its Chinese name', async () => {
    const res = await download(fileId, city);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('附件一.pdf')}`,
    );
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.rawPayload.equals(PDF)).toBe(true);
  });

  it('recipients of a notice carrying it download it; orgs it did not reach still get 404', async () => {
    const daixian = await ctx.db
      .selectFrom('orgs')
      .select('id')
      .where('name', '=', '代县应急管理局')
      .executeTakeFirstOrThrow();
    const issued = await ctx.app.inject({
      method: 'POST',
      url: '/api/notices',
      headers: { cookie: city },
      payload: {
        docNumber: '忻应急函〔2024〕9号',
        title: '关于报送汛期值班表的通知',
        issuedOn: '2024-08-01',
        body: '代县应急管理局：请按附件格式报送。',
        attachments: [{ id: fileId, name: '附件一.pdf' }],
        recipients: { orgIds: [daixian.id] },
      },
    });
    expect(issued.statusCode).toBe(201);
    expect((await download(fileId, await ctx.login('dx-county'))).statusCode).toBe(200);
    expect((await download(fileId, await ctx.login('yp-mine'))).statusCode).toBe(404);
  });
});
