import { useState, type ReactNode } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { LedgerEntry, Objection, Publication, SourceType } from '@contract';
import { ChoiceChips } from '../../../../components/choice-chips';
import { ListCell } from '../../../../components/list-cell';
import { NotAMemberNote } from '../../../../components/not-a-member-note';
import { PageState } from '../../../../components/page-state';
import { PointsSummary } from '../../../../components/points-summary';
import { ReasonForm } from '../../../../components/reason-form';
import { Section } from '../../../../components/section';
import { Tag } from '../../../../components/tag';
import { XfButton } from '../../../../components/xf-button';
import { useMyPoints } from '../../../../hooks/useMyPoints';
import { useMyObjections, usePointsHistory, usePublications } from '../../../../hooks/usePointsReview';
import { useReloadOnShow } from '../../../../hooks/useReloadOnShow';
import { fetchPointsHistory, raiseObjection, withdrawObjection } from '../../../../services/points-review';
import { subscribeObjectionResult } from '../../../../services/subscriptions';
import { SubscribeButton } from '../../../../components/subscribe-button';
import { pendingFor, useSubscriptions } from '../../../../hooks/useSubscriptions';
import { routes } from '../../../../services/routes';
import { formatDateTime, formatDelta } from '../../../../utils/format';
import {
  entryPoints,
  entryTitle,
  groupByMonth,
  objectionStatusLabel,
  objectionStatusTone,
  sourceLabel,
} from '../../../../utils/points';
import { showNotice } from '../../../../utils/notice';
import './index.scss';
import { useTextScale } from '../../../../hooks/useTextScale';

const SOURCES: Array<{ value: SourceType | 'all'; label: string }> = [
  { value: 'all', label: '全部' },
  { value: 'activity', label: '组织生活' },
  { value: 'quiz_attempt', label: '答题' },
  { value: 'volunteer_record', label: '志愿服务' },
  { value: 'manual', label: '书记加减分' },
];

export default function MyPointsPage() {
  const text = useTextScale();
  const points = useMyPoints();
  const [source, setSource] = useState<SourceType | 'all'>('all');
  const history = usePointsHistory(source === 'all' ? null : source);
  const objections = useMyObjections();
  const publications = usePublications();
  const reloadAll = () =>
    Promise.all([points.reload(), history.reload(), objections.reload(), publications.reload()]).then(() => undefined);
  useReloadOnShow(reloadAll);
  usePullDownRefresh(() => {
    void reloadAll().finally(() => Taro.stopPullDownRefresh());
  });

  if (points.error?.status === 403) return <NotAMemberNote />;
  return (
    <View style={text.style} className="xf-page my-points">
      <PageState loading={points.loading} error={points.error} ready={points.data !== null} onRetry={points.reload}>
        {points.data && (
          <Section>
            <PointsSummary summary={points.data.summary} />
          </Section>
        )}
      </PageState>
      <View className="my-points__links">
        <ListCell title="积分排名" extra="查看 ›" onClick={() => Taro.navigateTo({ url: routes.ranking })} />
        <ListCell title="积分规则" extra="查看 ›" onClick={() => Taro.navigateTo({ url: routes.pointsRules })} />
        <ListCell
          title="积分与出勤变动"
          description="谁为我加减分、登记出勤，理由是什么"
          extra="查看 ›"
          onClick={() => Taro.navigateTo({ url: routes.myChanges })}
        />
      </View>
      {publications.data && publications.data.items.length > 0 && <Publications items={publications.data.items} />}
      {objections.data && objections.data.items.length > 0 && (
        <Objections items={objections.data.items} onChanged={objections.reload} />
      )}
      <Section title="积分明细">
        <ChoiceChips label="来源" options={SOURCES} value={source} onChange={setSource} />
        <PageState
          loading={history.loading}
          error={history.error}
          ready={history.data !== null}
          onRetry={history.reload}
        >
          {history.data && (
            <History
              key={source}
              first={history.data.items}
              total={history.data.total}
              source={source === 'all' ? undefined : source}
              onObjected={objections.reload}
            />
          )}
        </PageState>
      </Section>
      <Text className="my-points__footer">对某条记录有疑问，点开它即可提出异议，由支部书记核实处理。</Text>
    </View>
  );
}

function History(props: { first: LedgerEntry[]; total: number; source?: SourceType; onObjected: () => Promise<void> }) {
  const [entries, setEntries] = useState(props.first);
  const [more, setMore] = useState(false);
  const [open, setOpen] = useState<number | null>(null);
  if (entries.length === 0) return <Text className="my-points__empty">今年还没有这类积分记录</Text>;
  const loadMore = async () => {
    setMore(true);
    try {
      const page = await fetchPointsHistory({ sourceType: props.source, offset: entries.length });
      setEntries((current) => [...current, ...page.items]);
    } catch {
      // the request wrapper showed the message
    } finally {
      setMore(false);
    }
  };
  return (
    <View>
      {groupByMonth(entries).map((group) => (
        <View key={group.label} className="my-points__month">
          <Text className="my-points__month-label">{group.label}</Text>
          {group.entries.map((entry) => (
            <EntryRow
              key={entry.id}
              entry={entry}
              open={open === entry.id}
              onToggle={() => setOpen(open === entry.id ? null : entry.id)}
              onObjected={props.onObjected}
            />
          ))}
        </View>
      ))}
      {entries.length < props.total && (
        <XfButton block loading={more} onClick={() => void loadMore()}>
          加载更多
        </XfButton>
      )}
    </View>
  );
}

function EntryRow(props: { entry: LedgerEntry; open: boolean; onToggle: () => void; onObjected: () => Promise<void> }) {
  const { entry } = props;
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const source = sourceLabel[entry.sourceType] === entry.ruleLabel ? null : sourceLabel[entry.sourceType];
  const detail = [source, entry.sourceTitle, entry.reason].filter(Boolean).join(' · ');
  return (
    <View className="my-points__entry">
      <View className="my-points__entry-row" role="button" onClick={props.onToggle}>
        <View className="my-points__entry-main">
          <Text className="my-points__entry-label">{entry.ruleLabel}</Text>
          <Text className="my-points__entry-detail">{detail}</Text>
          {entry.capNote && <Text className="my-points__entry-detail my-points__cap">{entry.capNote}</Text>}
          {entry.reversedByEntryId !== null && <Text className="my-points__entry-detail">已冲正</Text>}
          <Text className="my-points__entry-time">{formatDateTime(entry.recordedAt)}</Text>
        </View>
        <Text
          className={`my-points__delta ${entry.delta < 0 ? 'my-points__delta--minus' : entry.delta === 0 ? 'my-points__delta--zero' : ''}`}
        >
          {formatDelta(entry.delta)}
        </Text>
      </View>
      {props.open &&
        (asking ? (
          <ReasonForm
            confirmText="提交异议"
            placeholder="请说明哪里不对，比如日期、时长或分值"
            multiline
            maxLength={300}
            busy={busy}
            onCancel={() => setAsking(false)}
            onConfirm={(reason) => {
              setBusy(true);
              raiseObjection(entry.id, reason)
                .then(() => {
                  void showNotice('异议已提交', { success: true, duration: 1500 });
                  setAsking(false);
                  return props.onObjected();
                })
                .catch(() => undefined)
                .finally(() => setBusy(false));
            }}
          />
        ) : (
          <XfButton className="my-points__object" fill="outline" type="primary" onClick={() => setAsking(true)}>
            对这条记录提出异议
          </XfButton>
        ))}
    </View>
  );
}

function Objections({ items, onChanged }: { items: Objection[]; onChanged: () => Promise<void> }) {
  // 处理结果通知我 for a pending objection (mini-program only; hidden when the reminder is off).
  const subscriptions = useSubscriptions();
  return (
    <Section title="我的异议">
      {items.map((o) => (
        <ObjectionRow
          key={o.id}
          objection={o}
          onChanged={onChanged}
          resultReminder={
            o.status === 'pending' ? (
              <SubscribeButton
                templateId={subscriptions.data?.templates.reviewResult ?? null}
                label="处理结果通知我"
                hint="书记处理后，通过微信“服务通知”告诉您结果，只发一次。"
                subscribed={
                  pendingFor(subscriptions.data, 'review_result', { type: 'objection', id: o.id }) !== undefined
                }
                onAccepted={() => subscribeObjectionResult(o.id)}
              />
            ) : null
          }
        />
      ))}
    </Section>
  );
}

function ObjectionRow({
  objection: o,
  onChanged,
  resultReminder,
}: {
  objection: Objection;
  onChanged: () => Promise<void>;
  resultReminder: ReactNode;
}) {
  const [busy, setBusy] = useState(false);
  const withdraw = async () => {
    const { confirm } = await Taro.showModal({
      title: '撤回异议',
      content: '撤回后书记不再处理这条异议。以后仍可重新提出。确定撤回吗？',
      confirmText: '撤回',
      cancelText: '不撤回',
      confirmColor: '#C8161D',
    });
    if (!confirm) return;
    setBusy(true);
    try {
      await withdrawObjection(o.id);
      void showNotice('已撤回', { success: true, duration: 1500 });
      await onChanged();
    } catch {
      // the request wrapper showed the message
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="my-points__objection">
      <View className="my-points__objection-head">
        <Text className="my-points__entry-label my-points__objection-title">{entryTitle(o.entry)}</Text>
        <Tag tone={objectionStatusTone[o.status]}>{objectionStatusLabel[o.status]}</Tag>
      </View>
      <Text className="my-points__entry-detail">
        原记录 {entryPoints(o.entry)} · {formatDateTime(o.entry.recordedAt)}
      </Text>
      {o.entry.capNote && <Text className="my-points__entry-detail">{o.entry.capNote}</Text>}
      <Text className="my-points__entry-detail my-points__reason">我的理由：{o.reason}</Text>
      <Text className="my-points__entry-time">提出于 {formatDateTime(o.createdAt)}</Text>
      {o.resolutionNote && <Text className="my-points__entry-detail">处理说明：{o.resolutionNote}</Text>}
      {o.resolutionEntry && (
        <Text className="my-points__entry-detail">处理结果：积分 {formatDelta(o.resolutionEntry.delta)}</Text>
      )}
      {o.status === 'withdrawn' && o.resolvedAt && (
        <Text className="my-points__entry-detail">已于 {formatDateTime(o.resolvedAt)} 撤回</Text>
      )}
      {o.status === 'pending' && (
        <XfButton className="my-points__withdraw" loading={busy} onClick={() => void withdraw()}>
          撤回异议
        </XfButton>
      )}
      {resultReminder}
    </View>
  );
}

function Publications({ items }: { items: Publication[] }) {
  return (
    <Section title="年度积分公示">
      {items.map((p) => (
        <View key={p.year} className="my-points__publication">
          <Text className="my-points__entry-label">
            {p.year}年：{p.summary.total} 分 {p.summary.starLevel.label}
          </Text>
          {p.branchName && (
            <Text className="my-points__entry-detail">
              {p.branchName}：
              {p.branchDistribution
                .filter((d) => d.count > 0)
                .map((d) => `${d.label} ${d.count} 人`)
                .join('，')}
            </Text>
          )}
          {p.corrections.map((c) => (
            <Text key={c.id} className="my-points__entry-detail">
              公示后更正：{c.ruleLabel} {c.delta > 0 ? `+${c.delta}` : c.delta} 分，记入{c.year}年
              {c.reason ? `（${c.reason}）` : ''}
            </Text>
          ))}
        </View>
      ))}
    </Section>
  );
}
