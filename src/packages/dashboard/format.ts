import type { PeriodKind } from '@contract';

export const PERIODS: Array<{ kind: PeriodKind; label: string }> = [
  { kind: 'month', label: '本月' },
  { kind: 'quarter', label: '本季度' },
  { kind: 'year', label: '本年度' },
];

/** 82.9% ; — when there was nothing to count. */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

/** 3.5 ; 12 */
export function formatNumber(value: number | null, digits = 1): string {
  if (value === null) return '—';
  const rounded = Math.round(value * 10 ** digits) / 10 ** digits;
  return String(rounded);
}

export const activityTypeLabel: Record<string, string> = {
  theme_day: '主题党日',
  general_meeting: '支部党员大会',
  committee_meeting: '支委会',
  group_meeting: '党小组会',
  party_lecture: '党课',
  volunteer: '志愿服务活动',
  other: '其他',
};

export const attendanceStatusLabel: Record<string, string> = {
  present: '出席',
  late: '迟到',
  leave: '请假',
  absent: '缺席',
};
