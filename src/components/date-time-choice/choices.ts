// The arithmetic behind the date-and-time choice: defaults and quick picks on China's calendar.
import {
  chinaDayOfWeek,
  chinaDaysFromToday,
  chinaInstant,
  chinaYear,
  formatChina,
  type Moment,
} from '../../utils/china-time';

const WEEKDAY_NAME = ['日', '一', '二', '三', '四', '五', '六'];

/** A date and a start time on China's wall clock, and how long it lasts. */
export interface DateTimeValue {
  /** YYYY-MM-DD */
  date: string;
  /** HH:mm */
  start: string;
  /** Length in minutes (ignored when the caller shows no duration). */
  minutes: number;
}

export const DEFAULT_START = '14:30';
export const DEFAULT_MINUTES = 90;
export const START_CHOICES = ['08:30', '09:00', '10:00', '14:00', '14:30', '15:00', '19:00'];
export const DURATION_CHOICES = [60, 90, 120, 180];

/** Days from `today` (0 Sunday … 6 Saturday, Monday-first weeks) to `weekday` in the next calendar week. */
function daysToNextWeeks(todayWeekday: number, weekday: number): number {
  const mondayBased = (d: number) => (d + 6) % 7;
  return 7 - mondayBased(todayWeekday) + mondayBased(weekday);
}

/** The weekday a branch meets on most often (0–6), from past start times; null without history. */
export function usualWeekday(startTimes: readonly string[]): number | null {
  const tally = new Map<number, number>();
  for (const at of startTimes) {
    const day = chinaDayOfWeek(at);
    tally.set(day, (tally.get(day) ?? 0) + 1);
  }
  let best: number | null = null;
  for (const [day, n] of tally) if (best === null || n > (tally.get(best) ?? 0)) best = day;
  return best;
}

/** The starting point of a new meeting: the usual weekday of next week (or a week from today), 14:30, 90 minutes. */
export function defaultMeeting(usual: number | null, now: Moment = Date.now()): DateTimeValue {
  const days = usual === null ? 7 : daysToNextWeeks(chinaDayOfWeek(now), usual);
  return { date: chinaDaysFromToday(days, now), start: DEFAULT_START, minutes: DEFAULT_MINUTES };
}

export interface DateChoice {
  date: string;
  label: string;
}

/** 今天, 明天, then this week's and next week's usual day (or the same weekday next week). */
export function dateChoices(usual: number | null, now: Moment = Date.now()): DateChoice[] {
  const today = chinaDayOfWeek(now);
  const day = (n: number) => chinaDaysFromToday(n, now);
  const short = (date: string) => formatChina(date, 'M月D日');
  const choices: DateChoice[] = [
    { date: day(0), label: `今天 ${short(day(0))}` },
    { date: day(1), label: `明天 ${short(day(1))}` },
  ];
  const weekday = usual ?? today;
  const nextWeek = daysToNextWeeks(today, weekday);
  const thisWeek = nextWeek - 7;
  if (thisWeek > 1)
    choices.push({ date: day(thisWeek), label: `本周${WEEKDAY_NAME[weekday]} ${short(day(thisWeek))}` });
  choices.push({ date: day(nextWeek), label: `下周${WEEKDAY_NAME[weekday]} ${short(day(nextWeek))}` });
  choices.push({ date: day(nextWeek + 7), label: `两周后 ${short(day(nextWeek + 7))}` });
  return choices;
}

/** The years the full calendar offers: last year (a meeting recorded late) to next year. */
export function yearRange(now: Moment = Date.now()): { start: string; end: string } {
  const year = chinaYear(now);
  return { start: `${year - 1}-01-01`, end: `${year + 1}-12-31` };
}

/** 1 小时, 1.5 小时, 2 小时 15 分 */
export function durationLabel(minutes: number): string {
  if (minutes % 30 === 0) return `${minutes / 60} 小时`;
  return minutes > 60 ? `${Math.floor(minutes / 60)} 小时 ${minutes % 60} 分` : `${minutes} 分钟`;
}

/** Start and end as epoch milliseconds (China wall clock read as China time). */
export function instantsOf(value: DateTimeValue): { startsAt: number; endsAt: number } {
  const startsAt = chinaInstant(`${value.date}T${value.start}`);
  return { startsAt, endsAt: startsAt + value.minutes * 60_000 };
}
