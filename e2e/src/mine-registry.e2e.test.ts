import { USCC_ALPHABET, usccCheckChar } from '@tiegui/domain';
import { expect, test } from 'vitest';
import { fieldError, login, selectOption, textOf, useJourney } from './harness';

const journey = useJourney();

const NEW_MINE = '代县示例新增验收煤矿';
const FIRST17 = '91140923MA0E2E001';
const VALID_USCC = FIRST17 + usccCheckChar(FIRST17);
const WRONG_USCC =
  FIRST17 + USCC_ALPHABET[(USCC_ALPHABET.indexOf(usccCheckChar(FIRST17)) + 1) % USCC_ALPHABET.length];

test('a county bureau sees only its own mines, and registers a mine after fixing a wrong 统一社会信用代码', async () => {
  const page = await journey.newPage();
  await login(page, 'dx-county');

  // The list: every row is a 代县 mine supervised by 代县应急管理局, nothing from 原平市.
  await page.getByRole('menuitem', { name: /矿山基础信息/ }).click();
  await page.waitForURL((url) => url.pathname === '/mines');
  const rows = page.locator('.ant-table-tbody tr.ant-table-row');
  await rows.first().waitFor();
  const texts = await rows.allTextContents();
  expect(texts.length).toBeGreaterThan(0);
  for (const text of texts) {
    expect(text).toContain('140923 代县');
    expect(text).toContain('代县应急管理局');
    expect(text).not.toContain('原平');
  }
  expect(await textOf(page.getByTestId('mine-total'))).toContain(`共 ${texts.length} 座`);

  // A new mine with a wrong check character: the message sits at the field, and the server said so too.
  await page.getByRole('button', { name: /新增矿山/ }).click();
  await page.waitForURL((url) => url.pathname === '/mines/new');
  await page.locator('#name').fill(NEW_MINE);
  await page.locator('#uscc').fill(WRONG_USCC);
  await selectOption(page, 'category', '煤矿');
  await selectOption(page, 'mineType', '井工（地下）矿山');
  await selectOption(page, 'status', '生产');
  await selectOption(page, 'gasGrade', '低瓦斯');
  await page.locator('#principalName').fill('韩验收');
  await page.locator('#principalPhone').fill('13912345678');
  await selectOption(page, 'supervisorOrgId', /^代县应急管理局/);
  await expect.poll(() => page.locator('#regionCode').inputValue(), { timeout: 5_000 }).toBe('140923');

  const rejected = page.waitForResponse(
    (r) => r.url().endsWith('/api/mines') && r.request().method() === 'POST',
  );
  await page.getByRole('button', { name: /保\s*存/ }).click();
  const answer = await rejected;
  expect(answer.status()).toBe(400);
  expect(JSON.stringify(await answer.json())).toContain('uscc');
  await fieldError(page, 'uscc').first().waitFor();
  expect(await fieldError(page, 'uscc').allTextContents()).toContainEqual(expect.stringContaining('校验位'));
  expect(new URL(page.url()).pathname).toBe('/mines/new');

  // Fixed: the error goes away and the mine is saved and opened.
  await page.locator('#uscc').fill(VALID_USCC);
  await expect.poll(() => fieldError(page, 'uscc').count(), { timeout: 5_000 }).toBe(0);
  await page.getByRole('button', { name: /保\s*存/ }).click();
  await page.waitForURL((url) => /^\/mines\/(?!new)[^/]+$/.test(url.pathname));
  await page.getByText(VALID_USCC).first().waitFor();

  // And it is in the list.
  await page.goto('/mines');
  await page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: NEW_MINE }).waitFor();
  const row = page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: NEW_MINE });
  expect(await textOf(row)).toContain(VALID_USCC);
  expect(await textOf(page.getByTestId('mine-total'))).toContain(`共 ${texts.length + 1} 座`);
});
