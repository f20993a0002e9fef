import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS, isCommonPassword } from './common-passwords';
import { passwordProblem } from './password';

describe('passwordProblem', () => {
  it('takes a long password of three classes that names no one', () => {
    expect(passwordProblem('Shaft#Lamp2025', { username: 'dx-mine' })).toBeNull();
  });

  it.each(['Password1', 'Admin@123', 'P@ssw0rd', 'Qwer1234', '1qaz@WSX', 'ADMIN@123', 'zaq1@WSX'])(
    'refuses the common password %s whatever its case',
    (password) => {
      expect(passwordProblem(password)).toBe('密码过于常见，容易被猜中，请换一个');
    },
  );

  it('refuses a password containing the username, whatever its case', () => {
    expect(passwordProblem('Key-DX-Mine-2025', { username: 'dx-mine' })).toBe('密码不能包含用户名');
    expect(passwordProblem('Key-DX-Mine-2025', { username: 'yp-mine' })).toBeNull();
  });

  it('refuses a password containing the 姓名, Chinese or Latin, whatever its case and spaces', () => {
    expect(passwordProblem('Wang#王强2025', { username: 'dx-mine', displayName: '王强' })).toBe(
      '密码不能包含姓名',
    );
    expect(passwordProblem('Key#2025-Li Ming', { displayName: 'li ming' })).toBe('密码不能包含姓名');
    expect(passwordProblem('Key#2025-王刚', { displayName: '王强' })).toBeNull();
    expect(passwordProblem('Lithium#2025', { displayName: 'Li' })).toBeNull();
  });

  it('does not hold a username of two letters against every password that has them', () => {
    expect(passwordProblem('Lithium#2025', { username: 'li' })).toBeNull();
  });

  it('keeps the length and class rules first', () => {
    expect(passwordProblem('Ab1!')).toBe('密码至少8位');
    expect(passwordProblem('abcdefgh1')).toBe('密码须包含大写字母、小写字母、数字、特殊字符中的至少三类');
  });
});

describe('COMMON_PASSWORDS', () => {
  it('is stored in lower case without repeats, so the check can ignore case', () => {
    expect(COMMON_PASSWORDS.every((p) => p === p.toLowerCase())).toBe(true);
    expect(new Set(COMMON_PASSWORDS).size).toBe(COMMON_PASSWORDS.length);
    expect(isCommonPassword('QWER1234')).toBe(true);
  });
});
