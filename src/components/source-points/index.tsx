import { Text } from '@tarojs/components';
import type { LedgerEntry } from '@contract';
import { LedgerList } from '../ledger-list';
import { Section } from '../section';
import { formatDelta } from '../../utils/format';
import './index.scss';

export interface SourcePointsProps {
  title: string;
  /** Entries already narrowed to one kind of source (quiz, volunteer service, ...). */
  entries: LedgerEntry[];
  emptyText: string;
  className?: string;
}

/** The points one kind of participation earned among the recent entries, with their sum. */
export function SourcePoints({ title, entries, emptyText, className }: SourcePointsProps) {
  const sum = entries.reduce((total, entry) => total + entry.delta, 0);
  return (
    <Section
      className={['xf-source-points', className].filter(Boolean).join(' ')}
      title={title}
      extra={entries.length > 0 ? <Text className="xf-source-points__sum">{formatDelta(sum)} 分</Text> : undefined}
    >
      <LedgerList entries={entries} emptyText={emptyText} />
    </Section>
  );
}
