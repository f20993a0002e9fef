import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.locale('zh-cn');

/** Business time zone of the platform: every instant is shown as Beijing time. */
export const ZONE = 'Asia/Shanghai';

/** An ISO instant as Beijing wall time, e.g. 2024-09-30 23:59:59. */
export function formatTime(iso: string | null | undefined, pattern = 'YYYY-MM-DD HH:mm:ss'): string {
  if (!iso) return '—';
  const d = dayjs(iso);
  return d.isValid() ? d.tz(ZONE).format(pattern) : iso;
}

/** Reads a picked date-time as Beijing wall time and gives the ISO instant with its +08:00 offset. */
export function shanghaiIso(value: Dayjs): string {
  return dayjs.tz(value.format('YYYY-MM-DDTHH:mm:ss'), ZONE).format('YYYY-MM-DDTHH:mm:ssZ');
}

/** The inverse of shanghaiIso, for putting an ISO instant back into a picker. */
export function fromShanghaiIso(iso: string): Dayjs {
  return dayjs(dayjs(iso).tz(ZONE).format('YYYY-MM-DDTHH:mm:ss'));
}
