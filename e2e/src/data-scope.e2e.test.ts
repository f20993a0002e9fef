import type { Mine } from '@tiegui/domain';
import { expect, test } from 'vitest';
import { apiSession, login, useJourney } from './harness';

const journey = useJourney();

test("a mine's safety officer cannot open another county's mine: the page answers not found", async () => {
  // Look the 原平 mine up as someone who may see it (the province officer).
  const officer = await apiSession(journey.baseUrl, 'sx-officer');
  const { items } = await officer.get<{ items: Mine[] }>('/mines', { regionCode: '140981', limit: '5' });
  const yuanpingMine = items[0];
  expect(yuanpingMine, 'the demo data has mines in 原平市').toBeDefined();

  const page = await journey.newPage();
  await login(page, 'dx-mine');
  await page.goto(`/mines/${yuanpingMine!.id}`);
  await expect.poll(() => page.locator('.ant-result-404').count(), { timeout: 15_000 }).toBe(1);
  await expect.poll(() => page.getByText('矿山不存在或无权查看').isVisible(), { timeout: 15_000 }).toBe(true);
  // Nothing of the other mine leaks into the page.
  expect(await page.content()).not.toContain(yuanpingMine!.name);
  expect(await page.content()).not.toContain(yuanpingMine!.uscc);
});
