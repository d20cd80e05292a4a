import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import type { AuditEntry } from '@contract';
import './index.scss';

export interface AuditEntryItemProps {
  entry: AuditEntry;
  /** Name the affected member (the managers' log); the member's own log leaves it out. */
  showMember?: boolean;
  /** Makes the row a tap target (e.g. to show filter actions below it). */
  onClick?: () => void;
  className?: string;
  /** Shown under the entry, e.g. the actions of an opened row. */
  children?: ReactNode;
}

/** One audit entry as people read it: what was done, to whom, by whom, when and why. */
export function AuditEntryItem({ entry, showMember = true, onClick, className, children }: AuditEntryItemProps) {
  const people: string[] = [];
  if (showMember && entry.member) people.push(`对象：${entry.member.name}`);
  people.push(`操作人：${entry.actor?.name ?? '系统'}`);
  return (
    <View className={['xf-audit-entry', className].filter(Boolean).join(' ')}>
      <View
        className={`xf-audit-entry__row ${onClick ? 'xf-audit-entry__row--tappable' : ''}`}
        role={onClick ? 'button' : undefined}
        onClick={onClick}
      >
        <View className="xf-audit-entry__head">
          <Text className="xf-audit-entry__label">{entry.label}</Text>
          <Text className="xf-audit-entry__time">{entry.atText}</Text>
        </View>
        {entry.summary && <Text className="xf-audit-entry__summary">{entry.summary}</Text>}
        <View className="xf-audit-entry__people">
          {people.map((person) => (
            <Text key={person} className="xf-audit-entry__person">
              {person}
            </Text>
          ))}
        </View>
        {entry.reason && <Text className="xf-audit-entry__reason">理由：{entry.reason}</Text>}
      </View>
      {children}
    </View>
  );
}
