/**
 * Business dates and deadlines are in Asia/Shanghai (UTC+8, no daylight saving since 1991):
 * "9月底前" means 2024-09-30 23:59:59 +08:00. Instants are stored as UTC.
 */
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** A calendar date 'YYYY-MM-DD'. */
export type DateOnly = string;

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: DateOnly): [number, number, number] {
  const m = DATE_ONLY.exec(date);
  if (!m) throw new Error(`not a date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function format(y: number, m: number, d: number): DateOnly {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The last second of a Shanghai calendar day, as a UTC instant. */
export function endOfDayShanghai(date: DateOnly): Date {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d, 23, 59, 59) - SHANGHAI_OFFSET_MS);
}

/** The first instant of a Shanghai calendar day. */
export function startOfDayShanghai(date: DateOnly): Date {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d) - SHANGHAI_OFFSET_MS);
}

/** The Shanghai calendar date of an instant. */
export function shanghaiDate(instant: Date): DateOnly {
  const t = new Date(instant.getTime() + SHANGHAI_OFFSET_MS);
  return format(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

export function lastDayOfMonth(year: number, month: number): DateOnly {
  return format(year, month, new Date(Date.UTC(year, month, 0)).getUTCDate());
}

export function addDays(date: DateOnly, days: number): DateOnly {
  const [y, m, d] = parts(date);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return format(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** ISO dates compare as strings. */
const earlier = (a: DateOnly, b: DateOnly) => (a < b ? a : b);
const later = (a: DateOnly, b: DateOnly) => (a > b ? a : b);

export function daysBetween(from: DateOnly, to: DateOnly): number {
  const [y1, m1, d1] = parts(from);
  const [y2, m2, d2] = parts(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000);
}

export type Cadence = 'once' | 'monthly' | 'quarterly' | 'half_yearly' | 'per_event' | 'continuous';

export interface DeadlineRule {
  cadence: Cadence;
  /** For `once`: the last day ("9月底前" → '2024-09-30'). Without it, the campaign's end. */
  dueDate?: DateOnly;
  /**
   * For periodic cadences: a first period shorter than this many days (a campaign that starts
   * late in a month) is merged into the next period instead of being due within days.
   */
  minFirstPeriodDays?: number;
}

export interface Period {
  /** A stable key: '2024-09', '2024-Q3', '2024-H2', or 'once'. */
  key: string;
  /** The Chinese label users read: 2024年9月, 2024年第3季度, 2024年下半年. */
  label: string;
  startsOn: DateOnly;
  dueOn: DateOnly;
  dueAt: Date;
}

const MONTHS_PER: Record<'monthly' | 'quarterly' | 'half_yearly', number> = {
  monthly: 1,
  quarterly: 3,
  half_yearly: 6,
};

function periodKey(cadence: 'monthly' | 'quarterly' | 'half_yearly', year: number, firstMonth: number) {
  if (cadence === 'monthly')
    return { key: format(year, firstMonth, 1).slice(0, 7), label: `${year}年${firstMonth}月` };
  if (cadence === 'quarterly') {
    const q = Math.floor((firstMonth - 1) / 3) + 1;
    return { key: `${year}-Q${q}`, label: `${year}年第${q}季度` };
  }
  const h = firstMonth <= 6 ? 1 : 2;
  return { key: `${year}-H${h}`, label: `${year}年${h === 1 ? '上' : '下'}半年` };
}

/**
 * The periods a duty falls due in within a campaign window [start, end] (Shanghai dates).
 * Periodic duties are due on the last day of each calendar period that overlaps the window
 * (monthly → month end, quarterly → 03-31/06-30/09-30/12-31, half-yearly → 06-30/12-31), never
 * after the window's end. Per-event and continuous duties have no periods.
 */
export function periodsOf(rule: DeadlineRule, window: { start: DateOnly; end: DateOnly }): Period[] {
  if (rule.cadence === 'per_event' || rule.cadence === 'continuous') return [];
  if (rule.cadence === 'once') {
    const dueOn = rule.dueDate ?? window.end;
    return [
      { key: 'once', label: `${dueOn}前`, startsOn: window.start, dueOn, dueAt: endOfDayShanghai(dueOn) },
    ];
  }
  const step = MONTHS_PER[rule.cadence];
  const [sy, sm] = parts(window.start);
  let year = sy;
  let month = Math.floor((sm - 1) / step) * step + 1;
  const periods: Period[] = [];
  for (;;) {
    const startsOn = format(year, month, 1);
    if (startsOn > window.end) break;
    const lastMonth = month + step - 1;
    const periodEnd = lastDayOfMonth(year, lastMonth);
    const dueOn = earlier(periodEnd, window.end);
    const { key, label } = periodKey(rule.cadence, year, month);
    periods.push({
      key,
      label,
      startsOn: later(startsOn, window.start),
      dueOn,
      dueAt: endOfDayShanghai(dueOn),
    });
    month += step;
    if (month > 12) {
      month -= 12;
      year++;
    }
  }
  const first = periods[0];
  const second = periods[1];
  const min = rule.minFirstPeriodDays ?? 0;
  if (first && second && daysBetween(first.startsOn, first.dueOn) + 1 < min) {
    // Too short to be fair: the first days belong to the next period.
    periods.splice(0, 2, { ...second, startsOn: first.startsOn });
  }
  return periods;
}
