// The periods a dashboard is read for: a CST calendar month, quarter or year.
import type { Period, PeriodKind } from '../contract/dashboard.js';
import { badRequest } from '../errors.js';
import { cst } from '../lib/time.js';

export interface PeriodRange extends Period {
  /** [fromMs, toMs): the period's instants, in epoch milliseconds. */
  fromMs: number;
  toMs: number;
  /** The whole calendar year the period lies in. */
  yearFromMs: number;
  yearToMs: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The period of kind `kind` that contains `date` (YYYY-MM-DD, CST), or today. */
export function periodOf(kind: PeriodKind = 'year', date?: string, now = Date.now()): PeriodRange {
  const day = date ? cst(Date.parse(`${date}T12:00:00+08:00`)) : cst(now);
  if (!day.isValid() || (date && day.format('YYYY-MM-DD') !== date)) {
    throw badRequest('INVALID_DATE', '日期无效，请使用 YYYY-MM-DD 格式');
  }
  const year = day.year();
  const yearStart = day.startOf('year');
  let start = yearStart;
  let months = 12;
  let label = `${year}年`;
  if (kind === 'month') {
    start = day.startOf('month');
    months = 1;
    label = `${year}年${day.month() + 1}月`;
  } else if (kind === 'quarter') {
    const quarter = Math.floor(day.month() / 3);
    start = yearStart.add(quarter * 3, 'month');
    months = 3;
    label = `${year}年第${quarter + 1}季度`;
  }
  const end = start.add(months, 'month');
  return {
    kind,
    label,
    year,
    from: start.format('YYYY-MM-DD'),
    to: cst(end.valueOf() - DAY_MS).format('YYYY-MM-DD'),
    fromMs: start.valueOf(),
    toMs: end.valueOf(),
    yearFromMs: yearStart.valueOf(),
    yearToMs: yearStart.add(1, 'year').valueOf(),
  };
}

/** YYYY-MM-DD (CST) of an instant. */
export const dayOf = (ms: number) => cst(ms).format('YYYY-MM-DD');

/** A fraction, or null when there is nothing to divide by; rounded to 4 places. */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 10000) / 10000 : null;
}

/** A mean rounded to 2 places, or null for none. */
export function mean(sum: number, count: number): number | null {
  return count > 0 ? Math.round((sum / count) * 100) / 100 : null;
}
