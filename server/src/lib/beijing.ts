/** China has one time zone and no daylight saving: Beijing time is UTC+8 all year. */
const OFFSET_MS = 8 * 3600_000;

/** An instant as Beijing wall time, as users read it: `2024-08-01 10:00:00`. */
export const beijingTime = (iso: string): string =>
  new Date(Date.parse(iso) + OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');

/** An instant as Beijing time with its offset, for a file read elsewhere: `2024-08-01 10:00:00+08:00`. */
export const beijingTimeWithOffset = (iso: string): string => `${beijingTime(iso)}+08:00`;

/** The calendar day in Beijing of an instant, as business dates are kept: `2024-08-01`. */
export const beijingDate = (iso: string): string => beijingTime(iso).slice(0, 10);

/** The day in Beijing as file names carry it: `20240801`. */
export const beijingFileDay = (at: Date): string => beijingDate(at.toISOString()).replace(/-/g, '');
