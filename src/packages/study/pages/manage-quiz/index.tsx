import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Picker, Text, View } from '@tarojs/components';
import type { ManagedQuiz, QuizNotTaken } from '@contract';
import { ChoiceChips } from '../../../../components/choice-chips';
import { EmptyState } from '../../../../components/empty-state';
import { PageState } from '../../../../components/page-state';
import { Section } from '../../../../components/section';
import { Tag } from '../../../../components/tag';
import { XfButton } from '../../../../components/xf-button';
import { useAsync } from '../../../../hooks/useAsync';
import { useManagedQuizzes } from '../../../../hooks/useManagedQuizzes';
import { useReloadOnShow } from '../../../../hooks/useReloadOnShow';
import { closeQuiz, extendQuiz, fetchQuizNotTaken } from '../../../../services/quiz';
import { routes } from '../../../../services/routes';
import { chinaDaysFromToday, chinaToday, formatChina, toChinaIso } from '../../../../utils/china-time';
import { formatDateTime } from '../../../../utils/format';
import './index.scss';
import { showNotice } from '../../../../utils/notice';

const STATUS = {
  open: { label: '进行中', tone: 'green' },
  upcoming: { label: '未开始', tone: 'neutral' },
  closed: { label: '已截止', tone: 'amber' },
} as const;

/** One quiz for its managers: edit (before anyone attempts it), extend, close early, who has not taken it. */
export default function ManageQuizPage() {
  const { params } = useRouter();
  const quizId = Number(params.quizId);
  const quizzes = useManagedQuizzes();
  const notTaken = useAsync(() => fetchQuizNotTaken(quizId, { silent: true }), { key: quizId });
  const reload = async () => {
    await Promise.all([quizzes.reload(), notTaken.reload()]);
  };
  useReloadOnShow(quizzes.reload);
  const quiz = quizzes.data?.find((q) => q.id === quizId) ?? null;
  return (
    <View className="xf-page manage-quiz">
      <PageState loading={quizzes.loading} error={quizzes.error} ready={quizzes.data !== null} onRetry={quizzes.reload}>
        {quiz ? (
          <>
            <Overview quiz={quiz} onChanged={reload} />
            <PageState
              loading={notTaken.loading}
              error={notTaken.error}
              ready={notTaken.data !== null}
              onRetry={notTaken.reload}
            >
              {notTaken.data && <NotTaken data={notTaken.data} />}
            </PageState>
          </>
        ) : (
          <EmptyState mark="?" title="找不到这场答题" description="它可能不在您管理的范围内。" />
        )}
      </PageState>
    </View>
  );
}

/** Extension quick picks, in days after the later of today and the current deadline. */
const EXTEND_DAYS = [3, 7, 14];

function Overview({ quiz, onChanged }: { quiz: ManagedQuiz; onChanged: () => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  // The closing date chosen for an extension: a China date, closing at 23:59 that day.
  const closesOn = formatChina(quiz.closesAt, 'YYYY-MM-DD');
  const earliest = closesOn > chinaToday() ? closesOn : chinaToday();
  // Quick picks count from the later of today and the current deadline; the calendar stays
  // within this year and the next.
  const base = Math.max(Date.now(), Date.parse(quiz.closesAt));
  const quickPicks = EXTEND_DAYS.map((days) => ({ value: chinaDaysFromToday(days, base), label: `延后 ${days} 天` }));
  const latest = `${Number(chinaToday().slice(0, 4)) + 1}-12-31`;
  const [extendTo, setExtendTo] = useState(() => quickPicks[1]!.value);
  const status = STATUS[quiz.status];

  const close = async () => {
    const { confirm } = await Taro.showModal({
      title: '提前结束这场答题？',
      content: '结束后党员不能再开始作答；正在作答的党员仍可在本人的答题时限内交卷。结束后可以再延长。',
      confirmText: '提前结束',
      confirmColor: '#C8161D',
      cancelText: '不结束',
    });
    if (!confirm) return;
    setBusy(true);
    try {
      await closeQuiz(quiz.id);
      void showNotice('已结束', { success: true, duration: 1500 });
      await onChanged();
    } catch {
      // the request wrapper showed the message
    } finally {
      setBusy(false);
    }
  };

  const extend = async () => {
    setBusy(true);
    try {
      await extendQuiz(quiz.id, { closesAt: toChinaIso(`${extendTo}T23:59:59`) });
      void showNotice('已延长', { success: true, duration: 1500 });
      await onChanged();
    } catch {
      // the request wrapper showed the message
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section title={quiz.title} extra={<Tag tone={status.tone}>{status.label}</Tag>}>
      <Text className="manage-quiz__text">
        {quiz.branch ? quiz.branch.name : '全单位'} · {quiz.kind === 'exam' ? '考试' : '练习'} ·{' '}
        {quiz.draw ? `随机抽 ${quiz.draw.count} 题` : `固定 ${quiz.questionCount} 题`} · 限时 {quiz.timeLimitMinutes}{' '}
        分钟 · {quiz.passMark} 分合格
      </Text>
      <Text className="manage-quiz__text">
        {formatDateTime(quiz.opensAt)} 开放，{formatDateTime(quiz.closesAt)} 截止
      </Text>
      <Text className="manage-quiz__text">
        {quiz.attempts === 0
          ? '还没有人作答，可以修改题目和规则。'
          : `已有 ${quiz.attempts} 份答卷，题目和规则不能再修改。`}
      </Text>
      <View className="manage-quiz__actions">
        {quiz.attempts === 0 && (
          <XfButton onClick={() => void Taro.navigateTo({ url: `${routes.manageQuizNew}?quizId=${quiz.id}` })}>
            修改答题
          </XfButton>
        )}
        <XfButton onClick={() => void Taro.navigateTo({ url: `${routes.manageStats}?quizId=${quiz.id}` })}>
          查看统计
        </XfButton>
        {quiz.status !== 'closed' && (
          <XfButton loading={busy} onClick={() => void close()}>
            提前结束
          </XfButton>
        )}
      </View>
      <ChoiceChips
        label="延长截止时间"
        options={quickPicks}
        value={quickPicks.some((p) => p.value === extendTo) ? extendTo : null}
        onChange={setExtendTo}
      />
      <Picker
        mode="date"
        value={extendTo}
        start={earliest}
        end={latest}
        onChange={(e) => setExtendTo(String(e.detail.value))}
      >
        <View className="manage-quiz__picker" aria-label="新的截止日期">
          新的截止日期：{extendTo}（当天 23:59）· 其他日期…
        </View>
      </Picker>
      <View className="manage-quiz__actions">
        <XfButton type="primary" block loading={busy} disabled={extendTo <= closesOn} onClick={() => void extend()}>
          {quiz.status === 'closed' ? `重新开放到 ${extendTo}` : `延长到 ${extendTo}`}
        </XfButton>
      </View>
    </Section>
  );
}

function NotTaken({ data }: { data: QuizNotTaken }) {
  const branches = new Set(data.members.map((m) => m.branch.id));
  return (
    <Section title={`尚未参加（${data.members.length} 人）`}>
      <Text className="manage-quiz__text">
        应参加 {data.audience} 人，已交卷 {data.taken} 人。
      </Text>
      {data.members.length === 0 && <EmptyState mark="✓" title="应参加的党员都已交卷" />}
      {data.members.map((m) => (
        <View key={m.id} className="manage-quiz__member">
          <Text>{branches.size > 1 ? `${m.name}（${m.branch.name}）` : m.name}</Text>
          {m.inProgress && <Tag tone="amber">作答中</Tag>}
        </View>
      ))}
    </Section>
  );
}
