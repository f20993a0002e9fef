import { describe, expect, it } from 'vitest';
import { loginPathFor, returnPathOf } from './return-path';

describe('the path to return to after signing in', () => {
  it('keeps a path of the app with its query and hash', () => {
    expect(returnPathOf('/hazards/01J3?tab=history#events')).toBe('/hazards/01J3?tab=history#events');
    expect(loginPathFor('/notices/01J3')).toBe('/login?next=%2Fnotices%2F01J3');
  });

  it('never leaves the app: other sites, protocol-relative and backslash tricks go home', () => {
    for (const next of [
      'https://evil.example/',
      '//evil.example/x',
      '/\\evil.example',
      '/\tevil',
      'javascript:alert(1)',
      'hazards',
      '',
      null,
      undefined,
    ])
      expect(returnPathOf(next)).toBe('/');
  });

  it('never returns to the sign-in page or the API', () => {
    expect(returnPathOf('/login?next=/x')).toBe('/');
    expect(returnPathOf('/api/auth/logout')).toBe('/');
    expect(loginPathFor('/')).toBe('/login');
  });
});
