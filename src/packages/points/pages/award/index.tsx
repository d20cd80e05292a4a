import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { ChoiceChips } from '../../../../components/choice-chips';
import { PageState } from '../../../../components/page-state';
import { Section } from '../../../../components/section';
import { SelfCaseNote } from '../../../../components/self-case-note';
import { XfButton } from '../../../../components/xf-button';
import { useManagedBranches } from '../../../../hooks/useManagedBranches';
import { useMe } from '../../../../hooks/useMe';
import { usePointsRules } from '../../../../hooks/usePointsRules';
import { useRoster } from '../../../../hooks/useRoster';
import { addManualEntry } from '../../../../services/points-review';
import { formatDelta } from '../../../../utils/format';
import { isOwnCase } from '../../../../utils/self-case';
import { showNotice } from '../../../../utils/notice';
import './index.scss';

/** A secretary awards (先锋岗, 表彰) or deducts, always with a reason, within the rules' limits. */
export default function PointsAwardPage() {
  const me = useMe();
  const managed = useManagedBranches(me.data);
  const roster = useRoster(managed.selected);
  const rules = usePointsRules();
  const [memberId, setMemberId] = useState<number | null>(null);
  const [delta, setDelta] = useState(1);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const awardRule = rules.data?.rules.find((r) => r.code === 'award');
  const deductRule = rules.data?.rules.find((r) => r.code === 'deduction');
  const max = awardRule?.max ?? 5;
  const min = deductRule?.min ?? -10;
  const members = roster.data?.members ?? [];
  const listsSelf = members.some((m) => isOwnCase(me.data, m.id));

  const submit = async () => {
    if (memberId === null) return setProblem('请先选择党员');
    if (reason.trim().length < 2) return setProblem('请填写理由（至少 2 个字）');
    setProblem(null);
    const name = members.find((m) => m.id === memberId)?.name ?? '';
    const what = delta > 0 ? '加分' : '扣分';
    // Points move and stay in the ledger: the member, the amount and the reason are read back first.
    const { confirm } = await Taro.showModal({
      title: `确认${what}`,
      content: `给 ${name} ${delta > 0 ? '加' : '扣'} ${Math.abs(delta)} 分。\n理由：${reason.trim()}\n记入台账后不能修改，如有错误只能另行更正。`,
      confirmText: what,
      confirmColor: '#C8161D',
      cancelText: '返回修改',
    });
    if (!confirm) return;
    setBusy(true);
    try {
      await addManualEntry(memberId, delta, reason.trim());
      void showNotice(delta > 0 ? '已加分' : '已扣分', { success: true, duration: 1500 });
      setReason('');
    } catch {
      // the request wrapper showed the API's message
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="xf-page points-award">
      <PageState loading={me.loading} error={me.error} ready={me.data !== null} onRetry={me.reload}>
        {managed.branches.length > 1 && (
          <ChoiceChips
            label="支部"
            options={managed.branches.map((b) => ({ value: b.id, label: b.name }))}
            value={managed.selected}
            onChange={(id) => {
              managed.select(id);
              setMemberId(null);
            }}
          />
        )}
        <Section title="选择党员">
          <PageState loading={roster.loading} error={roster.error} ready={roster.data !== null} onRetry={roster.reload}>
            <ChoiceChips
              label="党员"
              options={members.map((m) =>
                isOwnCase(me.data, m.id)
                  ? { value: m.id, label: `${m.name}（本人）`, disabled: true }
                  : { value: m.id, label: m.name },
              )}
              value={memberId}
              onChange={setMemberId}
            />
            {listsSelf && me.data && <SelfCaseNote action="points" me={me.data} />}
          </PageState>
        </Section>
        <Section title="分值">
          <View className="points-award__stepper">
            <XfButton
              disabled={delta <= min}
              onClick={() => setDelta((d) => (d - 1 === 0 ? -1 : Math.max(min, d - 1)))}
            >
              减 1 分
            </XfButton>
            <Text className={`points-award__value ${delta < 0 ? 'points-award__value--minus' : ''}`} aria-live="polite">
              当前 {formatDelta(delta)} 分
            </Text>
            <XfButton disabled={delta >= max} onClick={() => setDelta((d) => (d + 1 === 0 ? 1 : Math.min(max, d + 1)))}>
              加 1 分
            </XfButton>
          </View>
          <Text className="points-award__hint">
            每次加分 1 至 {max} 分，扣分 1 至 {-min} 分，以积分规则为准；每次都记入台账和操作日志。
          </Text>
        </Section>
        <Section title="理由">
          <Input
            className="points-award__input"
            value={reason}
            placeholder={delta > 0 ? '如：获评本季度先锋岗' : '如：无故不参加组织生活'}
            maxlength={200}
            onInput={(e) => setReason(e.detail.value)}
          />
        </Section>
        {problem && (
          <View className="points-award__problem" role="alert">
            {problem}
          </View>
        )}
        <XfButton type="primary" size="large" block loading={busy} onClick={() => void submit()}>
          确认{delta > 0 ? '加分' : '扣分'}
        </XfButton>
      </PageState>
    </View>
  );
}
