import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);

/** Branch life runs on China Standard Time (UTC+8, no daylight saving). */
export const CST_OFFSET_MINUTES = 8 * 60;

export const cst = (ms: number) => dayjs(ms).utcOffset(CST_OFFSET_MINUTES);

export const yearOf = (ms: number) => cst(ms).year();

/** An instant as ISO 8601 with the +08:00 offset, the form every API response uses. */
export const toIso = (ms: number) => cst(ms).format('YYYY-MM-DDTHH:mm:ss.SSSZ');

export type CapPeriod = 'day' | 'month' | 'year';

/** [start, end) of the CST calendar period containing `ms`, in epoch milliseconds. */
export function periodBounds(ms: number, period: CapPeriod): [number, number] {
  const start = cst(ms).startOf(period);
  return [start.valueOf(), start.add(1, period).valueOf()];
}
