// The dashboard's two charts as F2 element trees, for <F2Chart render={...} />.
import { Axis, Chart, Interval, Legend, Line, Point, jsx as f2jsx } from '@antv/f2';
import type { MonthAttendance, StarBucket } from '@contract';

// F2's component classes are generic over their props, which its own `jsx` typing does not
// accept; the trees below are checked by F2 at render time instead.
const jsx = f2jsx as unknown as (type: unknown, props: Record<string, unknown>) => unknown;

const RED = '#C8161D';
const RED_SOFT = '#E9A3A6';
const TEXT = '#4a4a4a';
// F2 measures in CSS px; these read at the size of the page's body text on a phone.
const LABEL = { fontSize: 14, fill: TEXT };

/** Attendance rate (%) per month of the year; months without activities are left out. */
export function attendanceTrendChart(trend: MonthAttendance[]) {
  const data = trend
    .filter((m) => m.rate !== null)
    .map((m) => ({ month: `${Number(m.month.slice(5))}月`, rate: Math.round((m.rate as number) * 1000) / 10 }));
  return jsx(Chart, {
    data,
    scale: { rate: { min: 0, max: 100, tickCount: 5 } },
    children: [
      jsx(Axis, { field: 'month', style: { label: LABEL } }),
      jsx(Axis, { field: 'rate', formatter: (v: number) => `${v}%`, style: { label: LABEL } }),
      jsx(Line, { x: 'month', y: 'rate', color: RED, style: { lineWidth: 2 } }),
      jsx(Point, { x: 'month', y: 'rate', color: RED, size: 3 }),
    ],
  });
}

/** Short axis names: five stars side by side would run into each other. */
const levelName = (stars: number) => (stars === 0 ? '不合格' : `${stars}星`);

/** Members per star level: now, and at year end at this year's pace. */
export function starLevelChart(stars: StarBucket[]) {
  const data = stars.flatMap((b) => [
    { level: levelName(b.stars), when: '目前', members: b.current },
    { level: levelName(b.stars), when: '预计年底', members: b.projected },
  ]);
  return jsx(Chart, {
    data,
    scale: { members: { min: 0, nice: true } },
    children: [
      jsx(Legend, { position: 'top', style: { justifyContent: 'center' }, nameStyle: LABEL }),
      jsx(Axis, { field: 'level', style: { label: LABEL } }),
      jsx(Axis, { field: 'members', style: { label: LABEL } }),
      jsx(Interval, {
        x: 'level',
        y: 'members',
        color: { field: 'when', range: [RED, RED_SOFT] },
        adjust: 'dodge',
      }),
    ],
  });
}
