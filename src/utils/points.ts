import type { LedgerEntry, Objection, SourceType } from '@contract';
import { chinaYear, formatChina } from './china-time';
import { formatDelta } from './format';
import type { TagTone } from '../components/tag';

export const sourceLabel: Record<SourceType, string> = {
  activity: '组织生活',
  quiz_attempt: '线上答题',
  daily_practice: '每日一练',
  volunteer_record: '志愿服务',
  manual: '书记加减分',
  reversal: '冲正',
};

export const objectionStatusLabel: Record<Objection['status'], string> = {
  pending: '处理中',
  reversed: '已冲正',
  adjusted: '已调整',
  rejected: '未采纳',
  withdrawn: '已撤回',
};

export const objectionStatusTone: Record<Objection['status'], TagTone> = {
  pending: 'amber',
  reversed: 'green',
  adjusted: 'green',
  rejected: 'neutral',
  withdrawn: 'neutral',
};

/**
 * An entry named in words, as a member would say it: 参加主题党日：11月主题党日,
 * 志愿服务：11月28日 社区服务 2 小时. Never a bare number.
 */
export function entryTitle(entry: Pick<LedgerEntry, 'ruleLabel' | 'sourceTitle' | 'reason' | 'sourceType'>): string {
  const what = entry.sourceTitle ?? (entry.sourceType === 'manual' ? entry.reason : null);
  return what ? `${entry.ruleLabel}：${what}` : entry.ruleLabel;
}

/** What the entry paid, in words: 计 +2 分, or 计 0 分. */
export function entryPoints(entry: Pick<LedgerEntry, 'delta'>): string {
  return `${formatDelta(entry.delta)} 分`;
}

export interface MonthGroup<T> {
  /** 2026年11月 */
  label: string;
  entries: T[];
}

/**
 * Entries grouped by the China month they really happened in (recordedAt), in the order given
 * (the API lists newest first). The year is named only when it is not this year.
 */
export function groupByMonth<T extends Pick<LedgerEntry, 'recordedAt'>>(entries: T[]): Array<MonthGroup<T>> {
  const groups: Array<MonthGroup<T>> = [];
  for (const entry of entries) {
    const label = formatChina(entry.recordedAt, chinaYear(entry.recordedAt) === chinaYear() ? 'M月' : 'YYYY年M月');
    const last = groups[groups.length - 1];
    if (last && last.label === label) last.entries.push(entry);
    else groups.push({ label, entries: [entry] });
  }
  return groups;
}

/**
 * Where a member stands, said the way people say it: 前 10%, 前 30%, 中上, 中等, 中等偏后.
 * A share of the scope, never a bare percentile that contradicts the rank beside it.
 */
export function standingLabel(topPercent: number): string {
  if (topPercent <= 30) return `前 ${Math.max(10, Math.ceil(topPercent / 10) * 10)}%`;
  if (topPercent <= 45) return '中上';
  if (topPercent <= 60) return '中等';
  return '中等偏后';
}
