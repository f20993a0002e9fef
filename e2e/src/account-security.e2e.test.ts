import path from 'node:path';
import { withDatabaseOwner } from '@tiegui/server/testing';
import { expect, test } from 'vitest';
import { answerOf, DEMO_PASSWORD, fieldError, login, textOf, useJourney } from './harness';

const journey = useJourney();

test('a reused password is refused with the reason at its field; a fresh one is taken', async () => {
  const page = await journey.newPage();
  await login(page, 'grp-a');
  const change = async (oldPassword: string, newPassword: string) => {
    await page.goto('/change-password');
    await page.locator('#oldPassword').fill(oldPassword);
    await page.locator('#newPassword').fill(newPassword);
    await page.locator('#confirmPassword').fill(newPassword);
    const answer = answerOf(page, 'POST', /^\/api\/auth\/change-password$/);
    await page.getByRole('button', { name: '确认修改' }).click();
    return (await answer).status();
  };

  // A common password is refused as it is typed, before anything is sent.
  await page.goto('/change-password');
  await page.locator('#newPassword').fill('P@ssw0rd');
  await page.locator('#newPassword').blur();
  await fieldError(page, 'newPassword').waitFor();
  expect(await textOf(fieldError(page, 'newPassword'))).toBe('密码过于常见，容易被猜中，请换一个');

  expect(await change(DEMO_PASSWORD, 'Coal#Seam2025')).toBe(200);
  await page.waitForURL((url) => url.pathname === '/');

  expect(await change('Coal#Seam2025', DEMO_PASSWORD)).toBe(400);
  await fieldError(page, 'newPassword').waitFor();
  expect(await textOf(fieldError(page, 'newPassword'))).toBe('新密码：不能使用最近5次用过的密码');
  expect(new URL(page.url()).pathname).toBe('/change-password');

  expect(await change('Coal#Seam2025', 'Roof&Bolt2025')).toBe(200);
  await page.waitForURL((url) => url.pathname === '/');
}, 120_000);

test('the auditor sees who downloaded which file', async () => {
  const file = await withDatabaseOwner(path.join(journey.server.dataDir, 'tiegui.sqlite'), (db) =>
    db
      .selectFrom('files')
      .select(['id', 'name'])
      .where('name', '=', '探放水验收记录.pdf')
      .executeTakeFirstOrThrow(),
  );
  const mine = await journey.newPage();
  await login(mine, 'dx-mine');
  // As the attachment link does: a same-origin GET with the session cookie.
  const status = await mine.evaluate(async (id) => (await fetch(`/api/files/${id}`)).status, file.id);
  expect(status).toBe(200);

  const auditor = await journey.newPage();
  await login(auditor, 'sx-audit');
  await auditor.goto('/audit');
  const row = auditor.locator('.ant-table-row').filter({ hasText: '下载文件' }).first();
  await row.waitFor({ timeout: 30_000 });
  const text = await textOf(row);
  expect(text).toContain('dx-mine');
  expect(text).toContain(`附件：${file.name}`);
  expect(text).toContain(`下载“${file.name}”`);
}, 120_000);
