import { expect, test } from 'vitest';
import { login, useJourney } from './harness';

const journey = useJourney();

test('under its Content-Security-Policy the app is styled and works, and it cannot be framed', async () => {
  const page = await journey.newPage();
  const answer = await page.goto('/login');
  const csp = (await answer?.allHeaders())?.['content-security-policy'] ?? '';
  expect(csp).toContain("frame-ancestors 'none'");
  const nonce = await page.locator('meta[name="csp-nonce"]').getAttribute('content');
  expect(csp).toContain(`'nonce-${nonce}'`);
  // antd's styles are <style> elements: without the nonce they would be refused and the primary
  // button would have no background.
  const button = page.getByRole('button', { name: /登\s*录/ });
  await button.waitFor();
  expect(await button.evaluate((b) => getComputedStyle(b).backgroundColor)).toBe('rgb(31, 78, 140)');
  const carried = await page.evaluate(
    (n) => [...document.querySelectorAll('style')].filter((s) => s.nonce === n).length,
    nonce,
  );
  expect(carried).toBeGreaterThan(0);

  // Pages that draw charts and open dialogs run under the same policy (the harness fails the test
  // on any refusal the browser reports).
  await login(page, 'xz-city');
  await page.goto('/hazards/dashboard');
  await page.locator('canvas').first().waitFor();

  // A foreign page that frames the app gets an empty frame.
  const framing = await journey.newPage();
  await framing.route('http://framer.test/', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<iframe id="f" src="${journey.baseUrl}/login"></iframe>`,
    }),
  );
  await framing.goto('http://framer.test/');
  await framing.waitForTimeout(1000);
  const framed = framing.frames().find((f) => f.url().startsWith(journey.baseUrl));
  const rendered = framed
    ? await framed
        .locator('#username')
        .count()
        .catch(() => 0)
    : 0;
  expect(rendered).toBe(0);
});
