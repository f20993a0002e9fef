import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_SHEET_ROWS, MAX_UNPACKED_BYTES } from '../lib/excel/limits';
import { bombXml, handmadeXlsx, sheetXml } from '../lib/excel/zip.fixtures';
import { createTestContext, type TestContext } from '../testing';

/** Every route that takes a multipart upload, with a user allowed to use it. */
const IMPORTS = [
  { url: '/api/mines/import', user: 'dx-county' },
  { url: '/api/hazards/import', user: 'dx-mine' },
];
const UPLOADS = [...IMPORTS, { url: '/api/files', user: 'xz-city' }];

let ctx: TestContext;
const cookies: Record<string, string> = {};
beforeAll(async () => {
  ctx = await createTestContext();
  for (const { user } of UPLOADS) cookies[user] = await ctx.login(user);
});
afterAll(() => ctx.close());

const BOUNDARY = '----tiegui-upload-test';
const partHead = (fileName: string, field = 'file') =>
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\n` +
  'Content-Type: application/octet-stream\r\n\r\n';
const multipartBody = (fileName: string, content: Buffer) =>
  Buffer.concat([Buffer.from(partHead(fileName)), content, Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]);

function post(
  route: { url: string; user: string },
  payload: Buffer | string,
  contentType = `multipart/form-data; boundary=${BOUNDARY}`,
) {
  return ctx.app.inject({
    method: 'POST',
    url: route.url,
    headers: { cookie: cookies[route.user]!, 'content-type': contentType },
    payload,
  });
}

const health = async () => (await ctx.app.inject({ method: 'GET', url: '/api/health' })).statusCode;

/** A 400 whose one field is the upload, with this message (or any Chinese one). */
function expectFileRefusal(res: Awaited<ReturnType<typeof post>>, message?: string) {
  expect(res.statusCode).toBe(400);
  const body = res.json();
  expect(body.fields).toEqual([{ field: 'file', message: body.message }]);
  expect(body.message).toMatch(message ?? /[\u4e00-\u9fa5]/);
}

describe('an import refuses a spreadsheet that would exhaust the server, which keeps answering', () => {
  const bomb = bombXml(MAX_UNPACKED_BYTES + 1024 * 1024);
  const tooBig = '“炸弹.xlsx”表格过大（解压后超过64MB），请删除无关的工作表和图片，或分批导入';

  it('a bomb, three at once on each import route: 400 naming the file; /api/health answers throughout', async () => {
    const body = multipartBody('炸弹.xlsx', handmadeXlsx(bomb));
    const inFlight = IMPORTS.flatMap((route) => [1, 2, 3].map(() => post(route, body)));
    expect(await health()).toBe(200);
    for (const res of await Promise.all(inFlight)) expectFileRefusal(res, tooBig);
    expect(await health()).toBe(200);
  });

  it('a bomb that declares a small size is counted while it inflates, off the request loop', async () => {
    const inFlight = post(IMPORTS[1]!, multipartBody('炸弹.xlsx', handmadeXlsx(bomb, { claim: 1000 })));
    expect(await health()).toBe(200);
    expectFileRefusal(await inFlight, tooBig);
    expect(await health()).toBe(200);
  });

  it('more rows than any register holds: 400 naming the limit', async () => {
    const rows = Array.from({ length: MAX_SHEET_ROWS + 1 }, (_, i) => [`第${i + 1}行`]);
    const res = await post(IMPORTS[0]!, multipartBody('大表.xlsx', handmadeXlsx(sheetXml(rows))));
    expectFileRefusal(
      res,
      '“大表.xlsx”超过20000行（空行也计算在内），一次最多导入5000行，请删除多余的行或分成几个文件',
    );
  });
});

describe('a multipart body that cannot be read: 400 naming the file on every upload route', () => {
  const file = multipartBody('台账.xlsx', Buffer.from('PK\x03\x04 something'));
  const cases: [string, Buffer | string, string?][] = [
    ['a boundary the body does not use', file, 'multipart/form-data; boundary=other'],
    ['no boundary', file, 'multipart/form-data'],
    ['cut short inside the file', file.subarray(0, file.length - 30)],
    ['cut short inside the part header', partHead('台账.xlsx').slice(0, 40)],
    ['cut short before the closing boundary', file.subarray(0, file.length - 12)],
    ['no part at all', 'not a multipart body'],
    [
      'a field but no file',
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="note"\r\n\r\n备注\r\n--${BOUNDARY}--\r\n`,
    ],
    [
      'a file under another field',
      multipartBody('台账.xlsx', Buffer.from('x')).toString().replace('"file"', '"f"'),
    ],
  ];
  for (const route of UPLOADS) {
    it(`POST ${route.url}`, async () => {
      for (const [, payload, contentType] of cases)
        expectFileRefusal(await post(route, payload, contentType));
    });
  }

  it('an import of a file that is not xlsx', async () => {
    for (const route of IMPORTS) {
      expectFileRefusal(
        await post(route, multipartBody('台账.csv', Buffer.from('矿山名称\n'))),
        '“台账.csv”不是.xlsx格式的Excel文件，请下载导入模板填写后上传（.xls文件请先另存为.xlsx）',
      );
    }
  });
});
