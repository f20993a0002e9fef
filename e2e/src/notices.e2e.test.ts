import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { apiSession, login, settled, textOf, typeDate, useJourney } from './harness';

// A draft campaign and no notices at all: the journey issues the province's notice itself.
const journey = useJourney({ env: { TIEGUI_DEMO_CAMPAIGN: 'draft' } });

const ROOT_DOC = '晋应急发〔2024〕E2E1号';
const ROOT_TITLE = '关于开展“学铁规、明责任、硬落实、保安全”专项活动的通知（验收）';
const CITY_DOC = '忻应急发〔2024〕E2E2号';
const COUNTY_DOC = '代应急发〔2024〕E2E3号';

const NOTICE_PATH = /^\/notices\/[0-9A-Z]{26}$/;
const noticeIdOf = (page: Page) => new URL(page.url()).pathname.split('/')[2]!;

/** Opens the 收文 row with this document number. */
async function openFromInbox(page: Page, docNumber: string) {
  await page.getByRole('menuitem', { name: /通知公文/ }).click();
  await page.waitForURL((url) => url.pathname === '/notices');
  const row = page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: docNumber });
  await row.getByRole('link').click();
  await page.waitForURL((url) => NOTICE_PATH.test(url.pathname));
  await page.getByTestId('notice-doc-number').filter({ hasText: docNumber }).waitFor();
}

async function signOff(page: Page) {
  const button = page.locator('.ant-card-extra').getByRole('button', { name: /签收$/ });
  await button.click();
  await (
    await settled(page.locator('.ant-popconfirm').getByRole('button', { name: '签收', exact: true }))
  ).click();
  await page.locator('.ant-tag').filter({ hasText: '已签收' }).first().waitFor();
  expect(await button.count()).toBe(0);
}

/** 转发 with an own document number and one quick pick of recipients; lands on the new notice. */
async function forward(page: Page, docNumber: string, kind: string, deadline?: string) {
  await page.locator('.ant-card-extra').getByRole('button', { name: /转发$/ }).click();
  await page.waitForURL((url) => url.pathname.endsWith('/forward'));
  expect(await page.locator('#title').inputValue()).toContain('关于转发《');
  await page.locator('#docNumber').fill(docNumber);
  await page.getByTestId(`recipient-kind-${kind}`).click();
  if (deadline) {
    // A reply may not be due before the forward is dated: date it no later than the deadline's day.
    await typeDate(page, 'issuedOn', deadline.slice(0, 10));
    await page.locator('#replyDueAt').click();
    await page.locator('#replyDueAt').fill(deadline);
    await page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden) .ant-picker-ok button').click();
    expect(await page.locator('#replyDueAt').inputValue()).toBe(deadline);
  }
  await page.getByRole('button', { name: '转发', exact: true }).click();
  await page.waitForURL((url) => NOTICE_PATH.test(url.pathname));
  await page.getByTestId('notice-doc-number').filter({ hasText: docNumber }).waitFor();
}

test('a notice cascades province → city → county → mine, each signing off, and the province sees the roll-up', {
  timeout: 240_000,
}, async () => {
  // 发文: the province officer addresses every city bureau with one quick pick.
  const officer = await journey.newPage();
  await login(officer, 'sx-officer');
  await officer.getByRole('menuitem', { name: /通知公文/ }).click();
  await officer.getByRole('button', { name: /发文/ }).click();
  await officer.waitForURL((url) => url.pathname === '/notices/new');
  await officer.locator('#docNumber').fill(ROOT_DOC);
  await officer.locator('#title').fill(ROOT_TITLE);
  await officer
    .locator('#body')
    .fill('各市应急管理局：请及时将本通知转发至辖区各县（市、区）应急管理局、各矿山企业。');
  await officer.getByTestId('recipient-kind-city').click();
  await officer.getByRole('button', { name: '发文', exact: true }).click();
  await officer.waitForURL((url) => NOTICE_PATH.test(url.pathname));
  const rootId = noticeIdOf(officer);
  expect(await textOf(officer.getByTestId('notice-title'))).toBe(ROOT_TITLE);

  // 忻州 signs it, then forwards it to its counties with its own deadline.
  const city = await journey.newPage();
  await login(city, 'xz-city');
  await openFromInbox(city, ROOT_DOC);
  await signOff(city);
  await forward(city, CITY_DOC, 'county', '2024-12-05 23:59');
  expect(await textOf(city.getByTestId('notice-chain'))).toContain(ROOT_DOC);
  expect(await city.locator('.ant-descriptions').textContent()).toContain('2024-12-05 23:59');

  // 代县 signs the city's forward and relays it to its mines.
  const county = await journey.newPage();
  await login(county, 'dx-county');
  await openFromInbox(county, CITY_DOC);
  await signOff(county);
  await forward(county, COUNTY_DOC, 'mine');

  // The mine signs the county's relay and sees the whole chain above it.
  const mine = await journey.newPage();
  await login(mine, 'dx-mine');
  await openFromInbox(mine, COUNTY_DOC);
  const chain = await textOf(mine.getByTestId('notice-chain'));
  expect(chain).toContain(ROOT_DOC);
  expect(chain).toContain(CITY_DOC);
  await signOff(mine);

  // The province's roll-up: per level delivered, read, signed, forwarded; the missing list names the rest.
  const api = await apiSession(journey.baseUrl, 'sx-officer');
  const daixianMines = (await api.get<{ total: number }>('/mines/count', { regionCode: '140923' })).total;
  await officer.goto(`/notices/${rootId}`);
  const cells = async (kind: string) => {
    const row = officer.getByTestId(`rollup-count-${kind}`);
    await row.waitFor();
    return (await row.locator('td').allTextContents()).slice(1, 6).map(Number);
  };
  // expected, delivered, read, signed, forwarded
  expect(await cells('city')).toEqual([11, 11, 1, 1, 1]);
  expect(await cells('county')).toEqual([14, 14, 1, 1, 1]);
  const mines = await cells('mine');
  expect(mines.slice(1)).toEqual([daixianMines, 1, 1, 0]);
  expect(mines[0]).toBeGreaterThan(daixianMines);
  const missing = officer.getByTestId('notice-rollup').locator('.ant-table-tbody tr.ant-table-row');
  await missing.filter({ hasText: '太原市应急管理局' }).waitFor();
  expect(await textOf(missing.filter({ hasText: '太原市应急管理局' }))).toContain('未签收');
});

test('联合发文: the system administrator sees the default pair; the province officer may name only its partner', async () => {
  const admin = await journey.newPage();
  await login(admin, 'sx-admin');
  await admin.goto('/orgs');
  const rows = admin.getByTestId('joint-issuers').locator('.ant-table-tbody tr.ant-table-row');
  await rows.first().waitFor();
  expect(await rows.count()).toBe(1);
  const pair = await textOf(rows);
  for (const part of ['国家矿山安全监察局山西局', '山西省应急管理厅', '默认']) expect(pair).toContain(part);

  const officer = await journey.newPage();
  await login(officer, 'sx-officer');
  await officer.goto('/notices/new');
  const item = officer.locator('.ant-form-item').filter({ has: officer.locator('#coIssuerOrgId') });
  await item.locator('.ant-select-selector').click();
  const options = officer.locator(
    '.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option',
  );
  await options.first().waitFor();
  expect(await options.allTextContents()).toEqual(['国家矿山安全监察局山西局']);
});
