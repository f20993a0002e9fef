import type { Request } from 'playwright-core';
import { expect, test } from 'vitest';
import { answerOf, DEMO_PASSWORD, textOf, useJourney } from './harness';

// A small difficulty, so the browser's security check takes a fraction of a second here.
const journey = useJourney({ env: { TIEGUI_POW_DIFFICULTY: '12' } });

test('failed logins all read 用户名或密码错误; after two the page runs a security check by itself and signs in', async () => {
  const page = await journey.newPage();
  await page.goto('/login');
  const logins: Request[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/api/auth/login') logins.push(r);
  });
  const submit = async (username: string, password: string) => {
    await page.locator('#username').fill(username);
    await page.locator('#password').fill(password);
    const answer = answerOf(page, 'POST', /^\/api\/auth\/login$/);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    return answer;
  };

  // A real account and one that does not exist: the same words, no count of attempts left.
  for (const username of ['dx-county', 'no-such-user', 'dx-county']) {
    expect((await submit(username, 'Wrong-pass-1')).status()).toBe(401);
    await expect.poll(() => textOf(page.getByRole('alert'))).toBe('用户名或密码错误');
  }

  // The next attempt is asked for a proof of work: the page says so while it computes it.
  await page.evaluate(() => {
    const seen = () => {
      if ((document.body.textContent ?? '').includes('正在进行安全校验…'))
        document.body.dataset.sawCheck = 'yes';
    };
    new MutationObserver(seen).observe(document.body, {
      childList: true,
      subtree: true,
      characterData: true,
    });
  });
  const asked = await submit('dx-county', DEMO_PASSWORD);
  expect(asked.status()).toBe(428);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  expect(await page.evaluate(() => document.body.dataset.sawCheck ?? null)).toBe('yes');
  const last = JSON.parse(logins.at(-1)?.postData() ?? '{}') as { pow?: { salt: string; nonce: string } };
  expect(last.pow?.salt).toBe(((await asked.json()) as { challenge: { salt: string } }).challenge.salt);
  await page.getByRole('menuitem', { name: /矿山基础信息/ }).waitFor();
});
