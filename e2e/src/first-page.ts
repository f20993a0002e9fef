/**
 * What the first page after login offers to do: the lines of 今日工作's sections (each a link to the
 * record or the filtered list), and any counter linking to its list with a count above zero. An
 * empty section says what is done.
 */
import type { Page } from 'playwright-core';

export type FirstPageWork = {
  /** Things to act on, as the page names them ("逾期未报 3"). */
  actionable: string[];
  /** What the page says is done ("本月自查已报送"). */
  done: string[];
};

/** Phrases by which a page says there is nothing left to do. */
const DONE = /(已完成|已报送|已签收|已全部|均已|没有待|暂无待|无待办)/;

/** The work the signed-in page shows, read from its text and links. */
export function firstPageWork(page: Page): Promise<FirstPageWork> {
  return page.evaluate((donePattern) => {
    const content = document.querySelector('.tg-content') ?? document.body;
    const actionable: string[] = [];
    for (const line of content.querySelectorAll('[data-testid^="today-"] .ant-list-item')) {
      if (line.querySelector('a')) actionable.push(line.textContent?.trim() ?? '');
    }
    for (const link of content.querySelectorAll('a')) {
      const stat = link.querySelector('.ant-statistic');
      if (!stat) continue;
      const title = stat.querySelector('.ant-statistic-title')?.textContent?.trim() ?? '';
      const value = Number(
        (stat.querySelector('.ant-statistic-content-value')?.textContent ?? '').replace(/,/g, ''),
      );
      if (value > 0) actionable.push(`${title} ${value}`);
    }
    // biome-ignore lint/performance/useDomNodeTextContent: the lines as rendered, not hidden text
    const done = (content instanceof HTMLElement ? content.innerText : '')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => new RegExp(donePattern).test(line));
    return { actionable, done };
  }, DONE.source);
}
