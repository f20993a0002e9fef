import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, migratorOf } from '../../db/migrate';
import type { FileRecordKind } from '../../db/schema';
import {
  allFileLinks,
  createTestContext,
  multipart,
  orgIdByName,
  signIn,
  type TestContext,
} from '../../testing';
import { fileRefs, GENERAL } from '../hazards/hazard.fixtures';

/**
 * The one attachment model: each record links the files it references (file_links), one rule says
 * which files an org may attach, and a file is read through the links of records in scope.
 */
let ctx: TestContext;
const c: Record<string, string> = {};
let dxMine: string;
let daixian: string;
/** The files of the demo data (its hazards' evidence), before any test adds one. */
let demoFiles: string[];

const USERS = ['dx-mine', 'dx-county', 'yp-mine', 'grp-a', 'xz-city', 'xz-division', 'sx-officer'];

/** Moves the clock and signs everyone in again (sessions time out after 30 idle minutes). */
async function at(iso: string) {
  ctx.clock.set(iso);
  Object.assign(c, await signIn(ctx, USERS));
}

beforeAll(async () => {
  ctx = await createTestContext();
  await at('2024-08-01T02:00:00.000Z');
  dxMine = await orgIdByName(ctx.db, '代县示例东山煤矿');
  daixian = await orgIdByName(ctx.db, '代县应急管理局');
  demoFiles = (await ctx.db.selectFrom('files').select('id').execute()).map((f) => f.id);
});
afterAll(() => ctx.close());

const call = (method: 'GET' | 'POST' | 'PUT', url: string, user: string, payload?: object) =>
  ctx.app.inject({ method, url, headers: { cookie: c[user]! }, ...(payload ? { payload } : {}) });
/** A file uploaded by the user's org (bytes stored, so it can be downloaded). */
async function upload(user: string, name: string) {
  const body = multipart(name, Buffer.from(`%PDF-1.4\n% ${name}\n`), 'file', 'application/pdf');
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/files',
    headers: { ...body.headers, cookie: c[user]! },
    payload: body.payload,
  });
  expect(res.statusCode).toBe(201);
  const file = res.json<{ id: string; name: string }>();
  return [{ id: file.id, name: file.name }];
}
const download = async (fileId: string, user: string) =>
  (await call('GET', `/api/files/${fileId}`, user)).statusCode;
const linksOf = (kind: FileRecordKind, recordId: string) =>
  ctx.db
    .selectFrom('file_links')
    .select(['role', 'file_id'])
    .where('record_kind', '=', kind)
    .where('record_id', '=', recordId)
    .orderBy('role')
    .orderBy('file_id')
    .execute();
const notice = (over: Record<string, unknown>) => ({
  docNumber: '忻应急函〔2024〕21号',
  title: '关于报送汛期值班表的通知',
  issuedOn: '2024-08-01',
  body: '请按附件格式报送。',
  ...over,
});

describe('hazards', () => {
  let hazardId: string;
  let minePhoto: { id: string; name: string }[];

  it('a regulator registering a hazard may attach the mine’s own upload, linked as the hazard’s photo', async () => {
    minePhoto = await upload('dx-mine', '现场照片.pdf');
    const res = await call('POST', '/api/hazards', 'dx-county', {
      ...GENERAL,
      source: 'inspection',
      mineId: dxMine,
      photos: minePhoto,
    });
    expect(res.statusCode).toBe(201);
    hazardId = res.json().id;
    expect(await linksOf('hazard', hazardId)).toEqual([{ role: 'photos', file_id: minePhoto[0]!.id }]);
  });

  it('another mine’s upload is refused with a 400 naming the field in Chinese', async () => {
    const res = await call('POST', '/api/hazards', 'dx-county', {
      ...GENERAL,
      source: 'inspection',
      mineId: dxMine,
      files: await fileRefs(ctx, 'yp-mine', '别矿.pdf'),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toEqual([
      { field: 'files.0.id', message: '附件：文件“别矿.pdf”不存在或无权使用，请重新上传' },
    ]);
  });

  it('each step links its evidence under the action and field that hold it', async () => {
    const started = await call('POST', `/api/hazards/${hazardId}/actions/startRectification`, 'dx-mine', {
      responsiblePerson: '机电队长',
      measures: '重新吊挂电缆',
      timeLimit: '2024-08-10',
    });
    expect(started.statusCode).toBe(200);
    const progress = await upload('dx-mine', '进展.pdf');
    const res = await call('POST', `/api/hazards/${hazardId}/actions/reportProgress`, 'dx-mine', {
      progress: '已重新吊挂一半',
      photos: progress,
    });
    expect(res.statusCode).toBe(200);
    expect(await linksOf('hazard', hazardId)).toEqual(
      [
        { role: 'photos', file_id: minePhoto[0]!.id },
        { role: 'reportProgress.photos', file_id: progress[0]!.id },
      ].sort((a, b) => a.role.localeCompare(b.role)),
    );
  });

  it('its files are read where the hazard is seen, and nowhere else', async () => {
    const photo = minePhoto[0]!.id;
    for (const user of ['dx-mine', 'dx-county', 'xz-city', 'sx-officer', 'grp-a'])
      expect(await download(photo, user), user).toBe(200);
    expect(await download(photo, 'yp-mine')).toBe(404);
  });
});

describe('notices', () => {
  it('a file the actor reads through a record in scope may be attached to its own notice', async () => {
    const unlinked = await fileRefs(ctx, 'dx-mine', '未引用.pdf');
    const refused = await call(
      'POST',
      '/api/notices',
      'dx-county',
      notice({ attachments: unlinked, recipients: { orgIds: [dxMine] } }),
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.json().fields[0].field).toBe('attachments.0.id');
    // The same mine's photo, read by the county through its hazard.
    const photo = await ctx.db
      .selectFrom('file_links as l')
      .innerJoin('files as f', 'f.id', 'l.file_id')
      .select(['f.id', 'f.name'])
      .where('l.role', '=', 'photos')
      .where('f.name', '=', '现场照片.pdf')
      .executeTakeFirstOrThrow();
    const res = await call(
      'POST',
      '/api/notices',
      'dx-county',
      notice({ attachments: [photo], recipients: { orgIds: [dxMine] } }),
    );
    expect(res.statusCode).toBe(201);
    expect(await linksOf('notice', res.json().id)).toEqual([{ role: 'attachments', file_id: photo.id }]);
  });

  it('a forward carries its originals’ files to its issuer and recipients, not to those over its issuer', async () => {
    const xinzhou = await orgIdByName(ctx.db, '忻州市应急管理局');
    const plan = await upload('sx-officer', '实施方案.pdf');
    const issued = await call(
      'POST',
      '/api/notices',
      'sx-officer',
      notice({ docNumber: '晋应急发〔2024〕88号', attachments: plan, recipients: { orgIds: [xinzhou] } }),
    );
    expect(issued.statusCode).toBe(201);
    const form = await upload('xz-city', '值班表.pdf');
    const relay = (
      id: string,
      user: string,
      docNumber: string,
      recipients: string[],
      attachments: { id: string; name: string }[] = [],
    ) =>
      call('POST', `/api/notices/${id}/forward`, user, {
        docNumber,
        title: '关于转发实施方案的通知',
        issuedOn: '2024-08-01',
        body: '请按要求抓好落实。',
        attachments,
        recipients: { orgIds: recipients },
      });
    const byCity = await relay(issued.json().id, 'xz-city', '忻应急发〔2024〕7号', [daixian], form);
    expect(byCity.statusCode).toBe(201);
    expect(await download(plan[0]!.id, 'dx-mine')).toBe(404);
    const byCounty = await relay(byCity.json().id, 'dx-county', '代应急发〔2024〕5号', [dxMine]);
    expect(byCounty.statusCode).toBe(201);
    expect(await linksOf('notice', byCounty.json().id)).toEqual(
      [plan[0]!.id, form[0]!.id].sort().map((file_id) => ({ role: 'carried', file_id })),
    );
    for (const user of ['dx-mine', 'dx-county', 'xz-city'])
      for (const file of [plan, form]) expect(await download(file[0]!.id, user), user).toBe(200);
    for (const file of [plan, form]) expect(await download(file[0]!.id, 'yp-mine')).toBe(404);
    // The division supervises the city (its forward's own files), not the province that wrote the plan.
    expect(await download(form[0]!.id, 'xz-division')).toBe(200);
    expect(await download(plan[0]!.id, 'xz-division')).toBe(404);
  });
});

describe('submissions and investigations', () => {
  let drills: string;
  beforeAll(async () => {
    await at('2024-11-10T02:00:00.000Z');
    drills = (await call('GET', '/api/duties', 'dx-mine'))
      .json()
      .items.find((d: { dutyKey: string }) => d.dutyKey === 't9-mine-drills').id;
  });
  const values = (attachments: { id: string; name: string }[]) => ({
    drills: [{ name: '透水应急演练', disaster: '水害', heldOn: '2024-11-08', participants: 56 }],
    attachments,
  });

  it('another org’s file is refused by the form field’s path and label', async () => {
    const res = await call('PUT', `/api/duties/${drills}/draft`, 'dx-mine', {
      values: values(await fileRefs(ctx, 'yp-mine', '别矿方案.pdf')),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toEqual([
      { field: 'attachments.0', message: expect.stringMatching(/^.+：文件不存在或无权使用，请重新上传$/) },
    ]);
    expect(res.json().fields[0].message).not.toMatch(/attachments/);
  });

  it('a draft saved again links only what it now holds; the submitted version is read by its reviewers', async () => {
    const first = await upload('dx-mine', '初稿.pdf');
    const second = await upload('dx-mine', '定稿.pdf');
    expect(
      (await call('PUT', `/api/duties/${drills}/draft`, 'dx-mine', { values: values(first) })).statusCode,
    ).toBe(200);
    expect(
      (await call('PUT', `/api/duties/${drills}/draft`, 'dx-mine', { values: values(second) })).statusCode,
    ).toBe(200);
    const submission = await ctx.db
      .selectFrom('submissions')
      .select('id')
      .where('obligation_id', '=', drills)
      .executeTakeFirstOrThrow();
    expect(await linksOf('submission', submission.id)).toEqual([
      { role: 'attachments', file_id: second[0]!.id },
    ]);
    expect(await download(second[0]!.id, 'dx-county')).toBe(404);
    expect(
      (await call('POST', `/api/duties/${drills}/submit`, 'dx-mine', { values: values(second) })).statusCode,
    ).toBe(200);
    expect(await download(second[0]!.id, 'dx-county')).toBe(200);
    expect(await download(first[0]!.id, 'dx-county')).toBe(404);
    expect(await download(second[0]!.id, 'yp-mine')).toBe(404);
  });

  it('an investigation links its files', async () => {
    const files = await upload('dx-mine', '排查记录.pdf');
    const res = await call('POST', '/api/hazards/investigations', 'dx-mine', {
      month: '2024-11',
      investigatedOn: '2024-11-09',
      leader: '周矿长',
      scope: '全矿井各系统、各环节',
      participants: '总工程师、各科室负责人',
      files,
    });
    expect(res.statusCode).toBe(201);
    expect(await linksOf('hazard_investigation', res.json().id)).toEqual([
      { role: 'files', file_id: files[0]!.id },
    ]);
    expect(await download(files[0]!.id, 'dx-county')).toBe(200);
    expect(await download(files[0]!.id, 'yp-mine')).toBe(404);
  });
});

describe('migration 0009_file_links', () => {
  it('fills from the stored records the links the commands wrote, the demo’s among them', async () => {
    const written = await allFileLinks(ctx.db);
    expect(new Set(written.map((l) => l.record_kind))).toEqual(
      new Set(['hazard', 'hazard_investigation', 'submission', 'notice']),
    );
    const linked = new Set(written.map((l) => l.file_id));
    expect(demoFiles.length).toBeGreaterThan(0);
    for (const id of demoFiles) expect(linked.has(id), id).toBe(true);

    // Back to before 0009 (the later migrations go down with it) and up again.
    const down = await migratorOf(ctx.db).migrateTo('0008_hazard_source_index');
    expect(down.error).toBeUndefined();
    expect(down.results?.map((r) => r.migrationName)).toContain('0009_file_links');
    expect(await migrateToLatest(ctx.db)).toContain('0009_file_links');
    expect(await allFileLinks(ctx.db)).toEqual(written);
  });
});
