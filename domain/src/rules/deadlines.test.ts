import { describe, expect, it } from 'vitest';
import { endOfDayShanghai, periodsOf, shanghaiDate } from './deadlines';

const campaign = { start: '2024-07-29', end: '2024-12-31' };

describe('Shanghai deadlines', () => {
  it('"9月底前" is 2024-09-30 23:59:59 +08:00', () => {
    expect(endOfDayShanghai('2024-09-30').toISOString()).toBe('2024-09-30T15:59:59.000Z');
  });

  it('reads the Shanghai date of an instant across UTC midnight', () => {
    expect(shanghaiDate(new Date('2024-09-30T16:30:00Z'))).toBe('2024-10-01');
    expect(shanghaiDate(new Date('2024-09-30T15:59:59Z'))).toBe('2024-09-30');
  });
});

describe('periodsOf', () => {
  it('once: the given date, or the campaign end', () => {
    expect(periodsOf({ cadence: 'once', dueDate: '2024-09-30' }, campaign).map((p) => p.dueOn)).toEqual([
      '2024-09-30',
    ]);
    expect(periodsOf({ cadence: 'once' }, campaign).map((p) => p.dueOn)).toEqual(['2024-12-31']);
  });

  it('monthly: every month end in the window, February of a leap year included', () => {
    const p = periodsOf({ cadence: 'monthly' }, { start: '2024-01-15', end: '2024-04-30' });
    expect(p.map((x) => x.dueOn)).toEqual(['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30']);
    expect(p[0]).toMatchObject({ key: '2024-01', label: '2024年1月', startsOn: '2024-01-15' });
    expect(periodsOf({ cadence: 'monthly' }, { start: '2023-02-01', end: '2023-02-28' })[0]?.dueOn).toBe(
      '2023-02-28',
    );
  });

  it('monthly: a campaign starting mid-month has its first period from the start day', () => {
    const p = periodsOf({ cadence: 'monthly' }, campaign);
    expect(p.map((x) => x.key)).toEqual(['2024-07', '2024-08', '2024-09', '2024-10', '2024-11', '2024-12']);
    expect(p[0]?.startsOn).toBe('2024-07-29');
  });

  it('monthly: a first period shorter than minFirstPeriodDays merges into the next', () => {
    const p = periodsOf({ cadence: 'monthly', minFirstPeriodDays: 7 }, campaign);
    expect(p.map((x) => x.key)).toEqual(['2024-08', '2024-09', '2024-10', '2024-11', '2024-12']);
    expect(p[0]).toMatchObject({ startsOn: '2024-07-29', dueOn: '2024-08-31' });
  });

  it('never falls due after the campaign ends', () => {
    const p = periodsOf({ cadence: 'monthly' }, { start: '2024-08-01', end: '2024-11-20' });
    expect(p.at(-1)).toMatchObject({ key: '2024-11', dueOn: '2024-11-20' });
  });

  it('half-yearly: by 06-30 and 12-31', () => {
    const p = periodsOf({ cadence: 'half_yearly' }, { start: '2024-03-01', end: '2025-06-30' });
    expect(p.map((x) => [x.key, x.dueOn])).toEqual([
      ['2024-H1', '2024-06-30'],
      ['2024-H2', '2024-12-31'],
      ['2025-H1', '2025-06-30'],
    ]);
    expect(p[1]?.label).toBe('2024年下半年');
  });

  it('quarterly: quarter ends, the deadline instant at 23:59:59 Shanghai', () => {
    const p = periodsOf({ cadence: 'quarterly' }, campaign);
    expect(p.map((x) => x.dueOn)).toEqual(['2024-09-30', '2024-12-31']);
    expect(p[1]?.dueAt.toISOString()).toBe('2024-12-31T15:59:59.000Z');
  });

  it('per-event and continuous duties have no periods', () => {
    expect(periodsOf({ cadence: 'per_event' }, campaign)).toEqual([]);
    expect(periodsOf({ cadence: 'continuous' }, campaign)).toEqual([]);
  });
});
