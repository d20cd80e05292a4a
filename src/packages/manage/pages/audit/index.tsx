import { useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { AuditEntry, AuditKind } from '@contract';
import { AuditEntryItem } from '../../../../components/audit-entry';
import { ChoiceChips } from '../../../../components/choice-chips';
import { EmptyState } from '../../../../components/empty-state';
import { PageState } from '../../../../components/page-state';
import { Section } from '../../../../components/section';
import { XfButton } from '../../../../components/xf-button';
import { useAuditLog } from '../../../../hooks/useAuditLog';
import type { AuditSource } from '../../../../services/audit';
import './index.scss';

interface Person {
  id: number;
  name: string;
}

/**
 * Who did what, to whom, when and why: the organisation's log for the org admin
 * (`?orgId=`), the own branch's for a secretary (`?branchId=`). Tapping an entry offers
 * to narrow the list to its member or its actor.
 */
export default function AuditPage() {
  const { params } = useRouter();
  const source = sourceOf(params);
  const [kind, setKind] = useState<AuditKind | 'all'>('all');
  const [member, setMember] = useState<Person | null>(null);
  const [actor, setActor] = useState<Person | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const log = useAuditLog(source, {
    kind: kind === 'all' ? undefined : kind,
    memberId: member?.id,
    actorId: actor?.id,
  });
  usePullDownRefresh(() => {
    void log.reload().finally(() => Taro.stopPullDownRefresh());
  });

  if (source === null) {
    return (
      <View className="xf-page audit-page">
        <EmptyState mark="!" title="没有找到这份记录" description="请从“管理”重新进入。" />
      </View>
    );
  }
  const kinds = [{ value: 'all' as const, label: '全部' }, ...(log.data?.kinds ?? [])];
  return (
    <View className="xf-page audit-page">
      <Section>
        <Text className="audit-page__intro">
          {'orgId' in source ? '全单位' : '本支部'}
          每一次加减分、出勤登记、审核和设置改动都留有记录。点一条记录，可只看同一人的记录。
        </Text>
        {log.data && <ChoiceChips label="类别" options={kinds} value={kind} onChange={setKind} />}
        {(member || actor) && (
          <View className="audit-page__filters">
            {member && <FilterChip label={`对象：${member.name}`} onClear={() => setMember(null)} />}
            {actor && <FilterChip label={`操作人：${actor.name}`} onClear={() => setActor(null)} />}
          </View>
        )}
      </Section>
      <Section title={log.data ? `共 ${log.data.total} 条` : undefined}>
        <PageState loading={log.loading} error={log.error} ready={log.data !== null} onRetry={log.reload}>
          {log.items.length === 0 ? (
            <Text className="audit-page__empty">没有符合条件的记录</Text>
          ) : (
            log.items.map((entry) => (
              <AuditEntryItem key={entry.id} entry={entry} onClick={() => setOpen(open === entry.id ? null : entry.id)}>
                {open === entry.id && (
                  <EntryActions
                    entry={entry}
                    onMember={(person) => {
                      setMember(person);
                      setOpen(null);
                    }}
                    onActor={(person) => {
                      setActor(person);
                      setOpen(null);
                    }}
                  />
                )}
              </AuditEntryItem>
            ))
          )}
          {log.hasMore && (
            <XfButton block loading={log.loadingMore} onClick={() => void log.loadMore()}>
              加载更多
            </XfButton>
          )}
        </PageState>
      </Section>
    </View>
  );
}

function sourceOf(params: Record<string, string | undefined>): Exclude<AuditSource, 'me'> | null {
  const orgId = Number(params.orgId);
  if (Number.isInteger(orgId) && orgId > 0) return { orgId };
  const branchId = Number(params.branchId);
  if (Number.isInteger(branchId) && branchId > 0) return { branchId };
  return null;
}

function EntryActions(props: { entry: AuditEntry; onMember: (p: Person) => void; onActor: (p: Person) => void }) {
  const { member, actor } = props.entry;
  if (!member && !actor) return null;
  return (
    <View className="audit-page__actions">
      {member && (
        <XfButton fill="outline" type="primary" onClick={() => props.onMember(member)}>
          只看对象 {member.name}
        </XfButton>
      )}
      {actor && (
        <XfButton fill="outline" type="primary" onClick={() => props.onActor(actor)}>
          只看操作人 {actor.name}
        </XfButton>
      )}
    </View>
  );
}

function FilterChip({ label, onClear }: { label: string; onClear: () => void }) {
  return (
    <View className="audit-page__filter" role="button" aria-label={`取消筛选：${label}`} onClick={onClear}>
      <Text>{label}</Text>
      <Text className="audit-page__filter-clear">✕</Text>
    </View>
  );
}
