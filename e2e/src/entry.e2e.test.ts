import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { DEMO_PASSWORD, fieldError, login, textOf, useJourney } from './harness';

const journey = useJourney();
const HAZARD_PATH = /^\/hazards\/[0-9A-Z]{26}$/;

/** Counts the POSTs the page sends to a path, from now on. */
function countPosts(page: Page, path: string): () => number {
  let n = 0;
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === path) n++;
  });
  return () => n;
}

async function signInHere(page: Page, username: string) {
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

test('a link opened while signed out is where the sign-in returns; another site never is', async () => {
  const page = await journey.newPage();
  await page.goto('/hazards/new');
  await page.waitForURL((url) => url.pathname === '/login');
  await signInHere(page, 'dx-mine');
  expect(new URL(page.url()).pathname).toBe('/hazards/new');

  const other = await journey.newPage();
  await other.goto('/login?next=https%3A%2F%2Fevil.example%2F');
  await signInHere(other, 'dx-mine');
  expect(new URL(other.url()).origin).toBe(journey.baseUrl);
  expect(new URL(other.url()).pathname).toBe('/');
});

test('登记隐患: Enter sends nothing, the schema speaks before sending, a likely duplicate needs 仍然登记', {
  timeout: 180_000,
}, async () => {
  const page = await journey.newPage();
  await login(page, 'dx-mine');
  await page.goto('/hazards/new');
  const posts = countPosts(page, '/api/hazards');
  await page.locator('#description').fill('副井井口信号装置失灵仍在提升人员（验收）');
  await page.locator('#location').fill('副井井口');
  await page.locator('#foundOn').click();
  await page.locator('#foundOn').press('Enter');
  await page.locator('#foundBy').press('Enter');
  // Give a submission, were there one, the time to leave.
  await page.waitForTimeout(1_000);
  expect(new URL(page.url()).pathname).toBe('/hazards/new');
  expect(posts()).toBe(0);

  // A major hazard without a category: said at the field, once, before anything is sent.
  await page.getByRole('button', { name: /登\s*记/ }).click();
  await fieldError(page, 'categoryCode').first().waitFor();
  expect(await textOf(fieldError(page, 'categoryCode'))).toBe('重大事故隐患须选择类别');
  expect(await page.getByText('重大事故隐患须选择类别').count()).toBe(1);
  expect(posts()).toBe(0);

  // A general one goes without a confirmation.
  await page.getByText('一般事故隐患').click();
  await page.getByRole('button', { name: /登\s*记/ }).click();
  await page.waitForURL((url) => HAZARD_PATH.test(url.pathname));
  const first = new URL(page.url()).pathname;

  // The same again: the first is shown with its link, and 仍然登记 registers a second.
  await page.goto('/hazards/new');
  await page.getByText('一般事故隐患').click();
  await page.locator('#description').fill('副井井口信号装置失灵，仍在提升人员');
  await page.locator('#location').fill('副井井口');
  await page.getByRole('button', { name: /登\s*记/ }).click();
  const duplicates = page.getByTestId('hazard-duplicates');
  await duplicates.waitFor();
  expect(await duplicates.locator(`a[href="${first}"]`).count()).toBe(1);
  expect(new URL(page.url()).pathname).toBe('/hazards/new');
  await duplicates.getByRole('button', { name: '仍然登记' }).click();
  await page.waitForURL((url) => HAZARD_PATH.test(url.pathname));
  expect(new URL(page.url()).pathname).not.toBe(first);
});

test('a mine edits its own record with 信用代码, 生产状态 and 监管部门 read-only', async () => {
  const page = await journey.newPage();
  await login(page, 'dx-mine');
  const orgId = await page.evaluate(async () => {
    const me: { org: { id: string } } = await (await fetch('/api/me')).json();
    return me.org.id;
  });
  await page.goto(`/mines/${orgId}/edit`);
  await page.locator('#principalName').waitFor();
  expect(await page.locator('#uscc').isDisabled()).toBe(true);
  expect(await page.locator('#regionCode').isDisabled()).toBe(true);
  for (const id of ['status', 'supervisorOrgId']) {
    const item = page.locator('.ant-form-item').filter({ has: page.locator(`#${id}`) });
    expect(await item.locator('.ant-select-disabled').count()).toBe(1);
  }
  expect(await page.locator('#principalName').isDisabled()).toBe(false);
});
