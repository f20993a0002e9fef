import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { answerOf, login, settled, textOf, useJourney } from './harness';

const journey = useJourney();

const CODE = /[0-9A-Z]{4}(?:-[0-9A-Z]{1,4}){6}/;

/** Picks an option of a searchable antd Select by typing part of its label (long lists are virtual). */
async function searchOption(page: Page, id: string, text: string): Promise<void> {
  await page.locator(`#${id}`).fill(text);
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  await (
    await settled(dropdown.locator('.ant-select-item-option').filter({ hasText: text }).first())
  ).click();
  await dropdown.waitFor({ state: 'hidden' });
}

/** Picks options of the antd multiple Select whose input has this id, then closes its dropdown. */
async function selectMany(page: Page, id: string, labels: string[]): Promise<void> {
  const item = page.locator('.ant-form-item').filter({ has: page.locator(`#${id}`) });
  await item.locator('.ant-select-selector').click();
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  for (const label of labels)
    await (
      await settled(dropdown.locator('.ant-select-item-option').filter({ hasText: label }).first())
    ).click();
  await page.keyboard.press('Escape');
  await dropdown.waitFor({ state: 'hidden' });
}

/** The one-time code of the open activation-code dialog, and the dialog closed. */
async function takeCode(page: Page): Promise<string> {
  const title = page.locator('.ant-modal-title').getByText('一次性激活码', { exact: true });
  const dialog = page.locator('.ant-modal').filter({ has: title });
  await dialog.waitFor();
  expect(await dialog.getByRole('button', { name: /复制|Copy/ }).count()).toBeGreaterThan(0);
  expect(await textOf(dialog)).toContain('有效期至');
  const code = (await textOf(dialog.getByTestId('activation-code'))).match(CODE)?.[0];
  expect(code).toBeDefined();
  await dialog.getByRole('button', { name: '我已记下' }).click();
  await dialog.waitFor({ state: 'hidden' });
  return code ?? '';
}

/** On a 390 px phone: the activation page sets the password; the page does not scroll sideways. */
async function activate(code: string, username: string, password: string): Promise<Page> {
  const page = await journey.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
  await page.goto(`/activate?code=${encodeURIComponent(code)}`);
  expect(await textOf(page.getByTestId('activation-account'))).toContain(username);
  await page.locator('#password').fill(password);
  await page.locator('#confirmPassword').fill(password);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  await page.getByRole('button', { name: '设置密码' }).click();
  await page.getByText('密码已设置').waitFor();
  return page;
}

test('sx-admin asks for an account, sx-sec approves and hands over the code, the user activates and signs in', async () => {
  const admin = await journey.newPage();
  await login(admin, 'sx-admin');
  await admin.goto('/users');
  await admin.getByRole('button', { name: /新增用户/ }).click();
  const form = admin.locator('.ant-modal').filter({ hasText: '新增用户' });
  await settled(form);
  expect(await form.locator('input[type=password]').count()).toBe(0);
  await admin.locator('#username').fill('dx-newcomer');
  await admin.locator('#displayName').fill('钱新人');
  await searchOption(admin, 'orgId', '代县应急管理局');
  await selectMany(admin, 'roles', ['监管人员']);
  const filed = answerOf(admin, 'POST', /^\/api\/users$/);
  await form.getByRole('button', { name: '保存' }).click();
  expect((await filed).status()).toBe(202);
  await admin.getByText('已提交，待安全管理员审批生效').waitFor();
  await admin.getByRole('tab', { name: '我的申请' }).click();
  const mine = admin.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: 'dx-newcomer' });
  expect(await textOf(mine)).toContain('待审批');

  const security = await journey.newPage();
  await login(security, 'sx-sec');
  await security.goto('/users?tab=pending');
  const row = security.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: 'dx-newcomer' });
  await row.getByRole('button', { name: '批准' }).click();
  const approval = security.getByTestId('account-change-action-approve');
  await settled(approval.getByRole('button', { name: '提交' }));
  await approval.getByRole('button', { name: '提交' }).click();
  const code = await takeCode(security);

  const user = await activate(code, 'dx-newcomer', 'Newcomer@2024');
  await user.getByRole('button', { name: '去登录' }).click();
  await login(user, 'dx-newcomer', 'Newcomer@2024');
  expect(new URL(user.url()).pathname).toBe('/');
}, 180_000);

test('sx-sec resets a password: a code shown once, never a password; the user sets their own', async () => {
  const security = await journey.newPage();
  await login(security, 'sx-sec');
  await security.goto('/users');
  // The list is paged by username and the demo's staff accounts fill the first page: search for it.
  await security.getByPlaceholder('用户名或姓名').fill('xz-city');
  await security.getByPlaceholder('用户名或姓名').press('Enter');
  const row = security.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: 'xz-city' });
  await row.getByRole('button', { name: '重置密码' }).click();
  const dialog = security.locator('.ant-modal').filter({ hasText: '签发一次性激活码' });
  await settled(dialog);
  expect(await dialog.locator('input').count()).toBe(0);
  await dialog.getByRole('button', { name: '签发激活码' }).click();
  const code = await takeCode(security);
  await activate(code, 'xz-city', 'CityOwn@2024');
  const user = await journey.newPage();
  await login(user, 'xz-city', 'CityOwn@2024');
}, 120_000);
