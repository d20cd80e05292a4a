import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import type { Me, Objection, ResolveObjectionBody } from '@contract';
import { ChoiceChips } from '../../../../components/choice-chips';
import { EmptyState } from '../../../../components/empty-state';
import { PageState } from '../../../../components/page-state';
import { Section } from '../../../../components/section';
import { SelfCaseNote } from '../../../../components/self-case-note';
import { Tag } from '../../../../components/tag';
import { XfButton } from '../../../../components/xf-button';
import { useManagedBranches } from '../../../../hooks/useManagedBranches';
import { useMe } from '../../../../hooks/useMe';
import { useBranchObjections } from '../../../../hooks/usePointsReview';
import { fetchObjectionContext, resolveObjection } from '../../../../services/points-review';
import { useAsync } from '../../../../hooks/useAsync';
import { formatDateTime, formatDelta } from '../../../../utils/format';
import { objectionStatusLabel, objectionStatusTone } from '../../../../utils/points';
import { isOwnCase } from '../../../../utils/self-case';
import { showNotice } from '../../../../utils/notice';
import './index.scss';

export default function ObjectionsReviewPage() {
  const me = useMe();
  const managed = useManagedBranches(me.data);
  const objections = useBranchObjections(managed.selected);
  const pending = objections.data?.items.filter((o) => o.status === 'pending') ?? [];
  const settled = objections.data?.items.filter((o) => o.status !== 'pending') ?? [];
  return (
    <View className="xf-page objections-review">
      <PageState loading={me.loading} error={me.error} ready={me.data !== null} onRetry={me.reload}>
        {managed.branches.length > 1 && (
          <ChoiceChips
            label="支部"
            options={managed.branches.map((b) => ({ value: b.id, label: b.name }))}
            value={managed.selected}
            onChange={managed.select}
          />
        )}
        <PageState
          loading={objections.loading}
          error={objections.error}
          ready={objections.data !== null}
          onRetry={objections.reload}
        >
          {pending.length === 0 && <EmptyState mark="✓" title="没有待处理的异议" />}
          {pending.map((o) => (
            <ObjectionCard key={o.id} objection={o} me={me.data} onResolved={objections.reload} />
          ))}
          {settled.length > 0 && (
            <Section title="已处理">
              {settled.map((o) => (
                <View key={o.id} className="objections-review__settled">
                  <Text className="objections-review__title">
                    {o.member.name}：{o.entry.ruleLabel} {formatDelta(o.entry.delta)}
                  </Text>
                  <Tag tone={objectionStatusTone[o.status]}>{objectionStatusLabel[o.status]}</Tag>
                  {o.resolutionNote && <Text className="objections-review__text">说明：{o.resolutionNote}</Text>}
                </View>
              ))}
            </Section>
          )}
        </PageState>
      </PageState>
    </View>
  );
}

// Plain words for what each outcome does to the member's record; the mildest comes first and
// nothing is chosen until the manager chooses.
const OUTCOMES: Array<{ value: ResolveObjectionBody['outcome']; label: string; explain: string }> = [
  { value: 'reject', label: '维持原记录', explain: '原记录不变，党员会看到您的说明。' },
  {
    value: 'adjust',
    label: '调整分数',
    explain: '在原记录之外补记一笔“异议调整”，可加可减；原记录保留。',
  },
  {
    value: 'reverse',
    label: '撤销这条记录',
    explain: '记一笔相反的分数，抵消原记录（冲正）；原记录和冲正都留在台账里。',
  },
];

function ObjectionCard({
  objection,
  me,
  onResolved,
}: {
  objection: Objection;
  me: Me | null;
  onResolved: () => Promise<void>;
}) {
  const { entry } = objection;
  return (
    <Section title={objection.member.name}>
      <Text className="objections-review__title">
        {entry.ruleLabel} {formatDelta(entry.delta)} 分
      </Text>
      <Text className="objections-review__text">
        {[entry.sourceTitle, entry.reason, formatDateTime(entry.occurredAt)].filter(Boolean).join(' · ')}
      </Text>
      <Text className="objections-review__reason">异议理由：{objection.reason}</Text>
      <ObjectionContextView objectionId={objection.id} memberName={objection.member.name} />
      {isOwnCase(me, objection.member.id) ? (
        <SelfCaseNote action="objection" me={me!} />
      ) : (
        <ObjectionForm objection={objection} onResolved={onResolved} />
      )}
    </Section>
  );
}

/** What the manager should see before deciding: the cap this entry counts against, and earlier objections. */
function ObjectionContextView({ objectionId, memberName }: { objectionId: number; memberName: string }) {
  const context = useAsync(() => fetchObjectionContext(objectionId, { silent: true }), { key: objectionId });
  const data = context.data;
  if (!data) return null;
  const { capUse } = data;
  return (
    <View className="objections-review__context">
      <Text className="objections-review__text">
        {memberName} {capUse.year}年“{capUse.label}”已得 {capUse.used} 分
        {capUse.yearCap !== null ? `（全年上限 ${capUse.yearCap} 分）` : '（不设上限）'}
      </Text>
      {data.earlier.length === 0 ? (
        <Text className="objections-review__text">以前没有提出过异议。</Text>
      ) : (
        <>
          <Text className="objections-review__text">以前的异议（{data.earlier.length} 条）：</Text>
          {data.earlier.map((e) => (
            <Text key={e.id} className="objections-review__text">
              · {e.entryLabel} {formatDelta(e.entryDelta)} 分：{e.reason}（{objectionStatusLabel[e.status]}
              {e.resolutionNote ? `，${e.resolutionNote}` : ''}）
            </Text>
          ))}
        </>
      )}
    </View>
  );
}

/** How a manager settles someone else's objection: keep, adjust or reverse, with a note; nothing chosen by default. */
function ObjectionForm({ objection, onResolved }: { objection: Objection; onResolved: () => Promise<void> }) {
  const [outcome, setOutcome] = useState<ResolveObjectionBody['outcome'] | null>(null);
  const [delta, setDelta] = useState('');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (outcome === null) return setProblem('请先选择处理方式');
    if (note.trim().length < 2) return setProblem('请填写处理说明（至少 2 个字）');
    const amount = Number(delta);
    if (outcome === 'adjust' && (!Number.isInteger(amount) || amount === 0)) {
      return setProblem('请填写调整的分值，如 2 或 -1');
    }
    setProblem(null);
    setBusy(true);
    try {
      await resolveObjection(objection.id, {
        outcome,
        note: note.trim(),
        ...(outcome === 'adjust' ? { delta: amount } : {}),
      });
      void showNotice('已处理', { success: true, duration: 1500 });
      await onResolved();
    } catch {
      // the request wrapper showed the API's message
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ChoiceChips
        label="处理方式"
        options={OUTCOMES.map(({ value, label }) => ({ value, label }))}
        value={outcome}
        onChange={setOutcome}
      />
      {outcome && <Text className="objections-review__text">{OUTCOMES.find((o) => o.value === outcome)?.explain}</Text>}
      {outcome === 'adjust' && (
        <Input
          className="objections-review__input"
          type="text"
          value={delta}
          placeholder="调整分值，如 2 或 -1"
          onInput={(e) => setDelta(e.detail.value)}
        />
      )}
      <Input
        className="objections-review__input"
        value={note}
        placeholder="处理说明（党员可以看到）"
        maxlength={200}
        onInput={(e) => setNote(e.detail.value)}
      />
      {problem && (
        <View className="objections-review__problem" role="alert">
          {problem}
        </View>
      )}
      <XfButton type="primary" block loading={busy} onClick={() => void submit()}>
        确认处理
      </XfButton>
    </>
  );
}
