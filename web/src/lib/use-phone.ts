import { Grid } from 'antd';

/**
 * Under antd's `md` breakpoint (768 px): the menu folds into a drawer and lists become cards.
 * Before the first measurement the breakpoints are empty, which counts as a wide screen.
 */
export function usePhone(): boolean {
  return Grid.useBreakpoint().md === false;
}
