import { Text, View } from '@tarojs/components';
import type { LedgerEntry } from '@contract';
import { formatDateTime, formatDelta } from '../../utils/format';
import { groupByMonth } from '../../utils/points';
import './index.scss';

export interface LedgerListProps {
  entries: LedgerEntry[];
  /** Shown instead of the list when there are no entries. */
  emptyText?: string;
  className?: string;
}

/** Points entries, newest first as given, under a heading per month: what, why, when, and the points. */
export function LedgerList({ entries, emptyText = '今年还没有积分记录', className }: LedgerListProps) {
  const rootClass = ['xf-ledger-list', className].filter(Boolean).join(' ');
  if (entries.length === 0) {
    return (
      <View className={rootClass}>
        <Text className="xf-ledger-list__empty">{emptyText}</Text>
      </View>
    );
  }
  return (
    <View className={rootClass}>
      {groupByMonth(entries).map((group) => (
        <View key={group.label} className="xf-ledger-list__month">
          <Text className="xf-ledger-list__month-label">{group.label}</Text>
          {group.entries.map((entry) => (
            <View key={entry.id} className="xf-ledger-list__item">
              <View className="xf-ledger-list__main">
                <Text className="xf-ledger-list__label">{entry.ruleLabel}</Text>
                {entryDetail(entry) && <Text className="xf-ledger-list__detail">{entryDetail(entry)}</Text>}
                {entry.capNote && <Text className="xf-ledger-list__detail">{entry.capNote}</Text>}
                <Text className="xf-ledger-list__time">{formatDateTime(entry.recordedAt)}</Text>
              </View>
              <Text className={`xf-ledger-list__delta ${deltaClass(entry.delta)}`}>{formatDelta(entry.delta)}</Text>
            </View>
          ))}
        </View>
      ))}
    </View>
  );
}

function entryDetail(entry: LedgerEntry): string {
  const parts: string[] = [];
  if (entry.sourceTitle) parts.push(entry.sourceTitle);
  if (entry.reason) parts.push(entry.reason);
  if (entry.reversedByEntryId !== null) parts.push('已撤销');
  return parts.join('；');
}

function deltaClass(delta: number): string {
  if (delta > 0) return 'xf-ledger-list__delta--plus';
  if (delta < 0) return 'xf-ledger-list__delta--minus';
  return '';
}
