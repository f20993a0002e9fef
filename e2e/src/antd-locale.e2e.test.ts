import { expect, test } from 'vitest';
import { login, textOf, useJourney } from './harness';

const journey = useJourney();

test('antd speaks Chinese: an empty mine search shows 暂无数据', async () => {
  const page = await journey.newPage();
  await login(page, 'dx-county');
  await page.goto('/mines?q=没有这样的矿山');
  const empty = page.locator('.ant-table-placeholder .ant-empty-description');
  await empty.waitFor();
  expect(await textOf(empty)).toBe('暂无数据');
  expect(await textOf(page.getByTestId('mine-total'))).toContain('共 0 座');
});
