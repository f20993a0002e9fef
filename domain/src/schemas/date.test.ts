import { describe, expect, it } from 'vitest';
import { ZDateOnly } from './date';
import { FIELD_LABELS, fieldLabel } from './labels';
import { ZNoticeIssue } from './notice';
import { ZPlan } from './plan';

const messages = (value: unknown) => ZDateOnly.safeParse(value).error?.issues.map((i) => i.message) ?? [];

describe('ZDateOnly: real calendar dates only', () => {
  it('accepts days the calendar has, 29 February in a leap year included', () => {
    for (const day of ['2024-02-29', '2000-02-29', '2024-12-31', '2024-04-30', '1999-01-01'])
      expect(messages(day), day).toEqual([]);
  });

  it('refuses days that do not exist with “日期无效”, once', () => {
    for (const day of ['2024-02-30', '2023-02-29', '1900-02-29', '2024-04-31', '2024-06-31'])
      expect(messages(day), day).toEqual(['日期无效']);
  });

  it('refuses what is not a YYYY-MM-DD date with the format, once', () => {
    for (const value of ['2024-13-01', '2024-00-10', '2024-01-32', '2024/8/1', '24-08-01', '2024-8-1', ''])
      expect(messages(value), value).toEqual(['日期格式应为YYYY-MM-DD']);
    expect(ZDateOnly.safeParse(20240801).success).toBe(false);
  });

  it('is the date of the notice, the plan and the date-time fields refuse impossible days too', () => {
    const notice = {
      docNumber: '晋应急发〔2024〕1号',
      title: '通知',
      body: '正文',
      recipients: { kinds: ['city'] },
    };
    expect(ZNoticeIssue.safeParse({ ...notice, issuedOn: '2024-02-30' }).error?.issues[0]?.message).toBe(
      '日期无效',
    );
    expect(
      ZNoticeIssue.safeParse({ ...notice, issuedOn: '2024-02-29', replyDueAt: '2023-02-29T23:59:59+08:00' })
        .success,
    ).toBe(false);
    const plan = ZPlan.safeParse({ startsOn: '2023-02-29' });
    expect(plan.error?.issues.find((i) => i.path[0] === 'startsOn')?.message).toBe('日期无效');
  });
});

describe('fieldLabel', () => {
  it('names only its own fields: a key a user sent such as “constructor” stays as sent', () => {
    expect(fieldLabel(['coIssuerOrgId'])).toBe(FIELD_LABELS.coIssuerOrgId);
    expect(fieldLabel(['values', 'constructor'])).toBe('constructor');
    expect(fieldLabel(['__proto__'])).toBe('__proto__');
  });
});
