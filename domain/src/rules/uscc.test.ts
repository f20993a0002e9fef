import { describe, expect, it } from 'vitest';
import { usccCheckChar, usccProblem } from './uscc';

describe('统一社会信用代码 checksum', () => {
  it('accepts a code whose check character matches (GB 32100 weights)', () => {
    const body = '91140900MA0GXXXX0'.replace(/X/g, '1');
    const code = body + usccCheckChar(body);
    expect(usccProblem(code)).toBeNull();
  });

  it('accepts a well-known published code', () => {
    // 统一社会信用代码 of a public company, printed on its business licence.
    expect(usccProblem('91350100M000100Y43')).toBeNull();
  });

  it('refuses a code with a wrong check character', () => {
    const body = '91140923MA0K2B3C4';
    const good = usccCheckChar(body);
    const bad = good === '0' ? '1' : '0';
    expect(usccProblem(body + bad)).toBe('checksum');
  });

  it('refuses wrong length and forbidden characters', () => {
    expect(usccProblem('9114')).toBe('length');
    expect(usccProblem('91140923MA0K2B3CIO')).toBe('format');
    expect(usccProblem('91140923ma0k2b3c4x')).toBe('format');
  });
});
