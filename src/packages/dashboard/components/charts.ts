// The dashboard's two charts as F2 element trees, for <F2Chart render={...} />.
import { Axis, Chart, Interval, Line, Point, jsx as f2jsx } from '@antv/f2';
import type { MonthAttendance, StarBucket } from '@contract';

// F2's component classes are generic over their props, which its own `jsx` typing does not
// accept; the trees below are checked by F2 at render time instead.
const jsx = f2jsx as unknown as (type: unknown, props: Record<string, unknown>) => unknown;

export const RED = '#C8161D';
export const RED_SOFT = '#E9A3A6';
const TEXT = '#4a4a4a';
// F2 measures in CSS px; these read at the size of the page's body text on a phone.
const LABEL = { fontSize: 14, fill: TEXT };

/** Room one month label needs on the axis ("12月" at 14px and a gap), in CSS px. */
export const MONTH_LABEL_PX = 44;
/** What the value axis and the padding take from the canvas width, in CSS px. */
const AXIS_PX = 48;

/**
 * Every how many months a label is written so that none collide: all twelve fit from about
 * 580px; at 320–390px every second or third. Decided from the width, not measured text, so
 * it holds on every platform.
 */
export function monthLabelStep(months: number, width: number): number {
  const fit = Math.max(1, Math.floor((width - AXIS_PX) / MONTH_LABEL_PX));
  return Math.max(1, Math.ceil(months / fit));
}

/** Whole-number ticks for a count of people: 0 to at least `max`, in steps of 1, 2, 5, 10, … */
export function peopleTicks(max: number, most = 5): number[] {
  const top = Math.max(1, Math.ceil(max));
  const step = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000].find((s) => Math.ceil(top / s) <= most - 1) ?? 1000;
  const ticks: number[] = [];
  for (let v = 0; v < top + step; v += step) ticks.push(v);
  return ticks;
}

/** Attendance rate (%) per month of the year; months without activities are left out. */
export function attendanceTrendChart(trend: MonthAttendance[], width = 375) {
  const data = trend
    .filter((m) => m.rate !== null)
    .map((m) => ({ month: `${Number(m.month.slice(5))}月`, rate: Math.round((m.rate as number) * 1000) / 10 }));
  const step = monthLabelStep(data.length, width);
  // The latest month is always labelled; the others every `step` counting back from it.
  const labelled = new Set(data.filter((_, i) => (data.length - 1 - i) % step === 0).map((d) => d.month));
  return jsx(Chart, {
    data,
    scale: { rate: { min: 0, max: 100, tickCount: 5 } },
    children: [
      jsx(Axis, {
        field: 'month',
        formatter: (v: string) => (labelled.has(v) ? v : ''),
        style: { label: LABEL },
      }),
      jsx(Axis, { field: 'rate', formatter: (v: number) => `${v}%`, style: { label: LABEL } }),
      jsx(Line, { x: 'month', y: 'rate', color: RED, style: { lineWidth: 2 } }),
      jsx(Point, { x: 'month', y: 'rate', color: RED, size: 3 }),
    ],
  });
}

/** Short axis names: five stars side by side would run into each other. */
const levelName = (stars: number) => (stars === 0 ? '不合格' : `${stars}星`);

/**
 * Members per star level: now, and at year end at this year's pace. The legend is drawn by the
 * page in text (F2's legend marker stays a few pixels wide whatever its style).
 */
export function starLevelChart(stars: StarBucket[]) {
  const data = stars.flatMap((b) => [
    { level: levelName(b.stars), when: '目前', members: b.current },
    { level: levelName(b.stars), when: '预计年底', members: b.projected },
  ]);
  const ticks = peopleTicks(Math.max(0, ...data.map((d) => d.members)));
  return jsx(Chart, {
    data,
    // People are counted in whole numbers: the axis never shows 2.5 人.
    scale: { members: { min: 0, max: ticks[ticks.length - 1], ticks } },
    children: [
      jsx(Axis, { field: 'level', style: { label: LABEL } }),
      jsx(Axis, { field: 'members', formatter: (v: number) => `${v}人`, style: { label: LABEL } }),
      jsx(Interval, {
        x: 'level',
        y: 'members',
        color: { field: 'when', range: [RED, RED_SOFT] },
        adjust: 'dodge',
      }),
    ],
  });
}
