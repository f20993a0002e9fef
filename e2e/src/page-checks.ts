/**
 * What the every-page suite asks of any page once it has settled: nothing wider than the screen, no
 * console error, no English or raw key in what it shows.
 */
import type { Page, Request } from 'playwright-core';
import { strayEnglish } from './page-text';

/** Console errors and uncaught exceptions of a page, read and cleared by each visit. */
export function watchErrors(page: Page): () => string[] {
  let errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  return () => {
    const seen = errors;
    errors = [];
    return seen;
  };
}

/**
 * Requests the page is waiting for (the API and the app's own chunks). Those sent before it watched
 * are not counted, and their answers count for nothing.
 */
export function watchRequests(page: Page): () => number {
  const open = new Set<Request>();
  const tracked = (r: Request) => /\/(api|assets)\//.test(new URL(r.url()).pathname);
  page.on('request', (r) => {
    if (tracked(r)) open.add(r);
  });
  page.on('requestfinished', (r) => open.delete(r));
  page.on('requestfailed', (r) => open.delete(r));
  return () => open.size;
}

const BUSY = '.ant-spin-spinning, .ant-skeleton-active, .ant-btn-loading';

/**
 * Waits until nothing is asked of the server and nothing spins, three checks in a row 100 ms apart
 * (a page that fetches its details after its record counts as busy between the two).
 */
export async function settle(page: Page, openRequests: () => number): Promise<void> {
  let quiet = 0;
  const deadline = Date.now() + 20_000;
  while (quiet < 3) {
    if (Date.now() > deadline) throw new Error(`${page.url()} was still loading after 20 s`);
    await page.waitForTimeout(100);
    const busy = openRequests() > 0 || (await page.locator(BUSY).count()) > 0;
    quiet = busy ? 0 : quiet + 1;
  }
}

/**
 * What sticks out past the screen's right or left edge: the page's own width, and each outermost
 * element beyond the edge that no scrolling or clipping box inside the screen holds.
 */
export function overflowOf(page: Page, width: number): Promise<string[]> {
  return page.evaluate((vw) => {
    const found: string[] = [];
    const pageWidth = document.documentElement.scrollWidth;
    if (pageWidth > vw) found.push(`the page is ${pageWidth} px wide`);
    const held = (el: Element) => {
      for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
        if (getComputedStyle(box).overflowX === 'visible') continue;
        const r = box.getBoundingClientRect();
        if (r.left >= -1 && r.right <= vw + 1) return true;
      }
      return false;
    };
    const reported: Element[] = [];
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || (r.left >= -1 && r.right <= vw + 1)) continue;
      if (getComputedStyle(el).visibility === 'hidden' || held(el)) continue;
      if (reported.some((outer) => outer.contains(el))) continue;
      reported.push(el);
      const name = `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`;
      found.push(`${name} spans ${Math.round(r.left)}–${Math.round(r.right)} px`);
    }
    return found;
  }, width);
}

/** The English or raw keys in the text the page shows (not its hidden or collapsed parts). */
export async function strayTextOf(page: Page): Promise<string[]> {
  // biome-ignore lint/performance/useDomNodeTextContent: what is rendered, not hidden text
  return strayEnglish(await page.evaluate(() => document.body.innerText));
}
