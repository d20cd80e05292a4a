// Branch life runs on China Standard Time (UTC+8, no daylight saving) and so does the API:
// every time the app shows, parses or compares is read on China's clock, whatever the
// phone's or computer's own zone. This is the only module that may import dayjs.
//
// Why not `dayjs(x).utcOffset(480)`: dayjs fakes a fixed offset by shifting a device-local
// Date, so its fields are an hour off for the ~16 hours around a device's own DST change
// (in America/Los_Angeles 2026-03-08T00:30Z prints 09:30 instead of 08:30). Here a China
// wall clock is a UTC-mode dayjs of the instant plus 8 hours: its fields are read with
// getUTC*, which no device zone touches. That shifted value never leaves this module.
import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const CHINA_OFFSET = '+08:00';
const WEEKDAY = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/**
 * A time as the app meets it: an ISO 8601 instant from the API (`2026-12-10T14:30:00.000+08:00`),
 * epoch milliseconds, a Date, or a China calendar date or wall-clock time without an offset, as a
 * date picker gives it (`2026-12-10`, `2026-12-10T14:30`, `2026-12-10 14:30:00`).
 */
export type Moment = string | number | Date;

const WALL_CLOCK = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)?$/;

/** Epoch milliseconds of a moment (NaN when it cannot be read). */
export function chinaInstant(value: Moment): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  // Parsed by dayjs's own pattern, not by Date: iOS rejects `2026-12-10 14:30`.
  if (WALL_CLOCK.test(value)) return dayjs.utc(value).valueOf() - CHINA_OFFSET_MS;
  return Date.parse(value);
}

/** The wall clock in China at `value`; only its fields are meaningful (its epoch value is shifted). */
function wallClock(value: Moment): Dayjs {
  return dayjs.utc(chinaInstant(value) + CHINA_OFFSET_MS);
}

/**
 * A moment in China time with a dayjs template (`YYYY年M月D日`, `HH:mm`); '' when unreadable.
 * Offset tokens (`Z`, `ZZ`) are not supported: use `toChinaIso`.
 */
export function formatChina(value: Moment, template: string): string {
  const clock = wallClock(value);
  return clock.isValid() ? clock.format(template) : '';
}

/** 周四 */
export function chinaWeekday(value: Moment): string {
  const clock = wallClock(value);
  return clock.isValid() ? (WEEKDAY[clock.day()] as string) : '';
}

/** The hour (0–23) in China, now or at `value`. */
export function chinaHour(value: Moment = Date.now()): number {
  return wallClock(value).hour();
}

/** The calendar year in China, now or at `value`. */
export function chinaYear(value: Moment = Date.now()): number {
  return wallClock(value).year();
}

/** Today's date in China, YYYY-MM-DD (the API's DateString). */
export function chinaToday(now: Moment = Date.now()): string {
  return chinaDaysFromToday(0, now);
}

/** The China date `days` after today (before it when negative), YYYY-MM-DD. */
export function chinaDaysFromToday(days: number, now: Moment = Date.now()): string {
  return wallClock(now).add(days, 'day').format('YYYY-MM-DD');
}

/** Whether two moments fall on the same China calendar day. */
export function isSameChinaDay(a: Moment, b: Moment): boolean {
  const day = formatChina(a, 'YYYY-MM-DD');
  return day !== '' && day === formatChina(b, 'YYYY-MM-DD');
}

/** Whether `value` is still ahead of `now`. */
export function isUpcoming(value: Moment, now: Moment = Date.now()): boolean {
  return chinaInstant(value) > chinaInstant(now);
}

/** Whole minutes from `from` to `to`. */
export function minutesBetween(from: Moment, to: Moment): number {
  return Math.round((chinaInstant(to) - chinaInstant(from)) / 60_000);
}

/**
 * A moment as the API takes it: ISO 8601 with the +08:00 offset (`2026-12-10T14:30:00.000+08:00`).
 * A picker's `2026-12-10` and `14:30` become `toChinaIso('2026-12-10T14:30')`: China wall-clock time.
 */
export function toChinaIso(value: Moment): string {
  const clock = wallClock(value);
  if (!clock.isValid()) throw new RangeError(`not a time: ${String(value)}`);
  return `${clock.format('YYYY-MM-DDTHH:mm:ss.SSS')}${CHINA_OFFSET}`;
}

/** The day of the week in China at `value`: 0 for Sunday to 6 for Saturday. */
export function chinaDayOfWeek(value: Moment = Date.now()): number {
  return wallClock(value).day();
}
