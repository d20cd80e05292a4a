import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Input, Picker, Text, View } from '@tarojs/components';
import type { ManagedQuiz, Me, QuestionKind, QuizBody } from '@contract';
import { PageState } from '../../../../components/page-state';
import { Section } from '../../../../components/section';
import { XfButton } from '../../../../components/xf-button';
import { useBranches } from '../../../../hooks/useBranches';
import { useMe } from '../../../../hooks/useMe';
import { useQuestionBank } from '../../../../hooks/useQuestionBank';
import type { ApiError } from '../../../../services/api-error';
import { createQuiz, updateQuiz } from '../../../../services/quiz';
import { useManagedQuizzes } from '../../../../hooks/useManagedQuizzes';
import { chinaDaysFromToday, chinaToday, formatChina, toChinaIso } from '../../../../utils/china-time';
import { isOrgAdmin, secretaryBranchIds } from '../../../../utils/roles';
import { KIND_LABEL } from '../../components/question-card';
import { showNotice } from '../../../../utils/notice';
import './index.scss';

interface Choice<T> {
  value: T;
  label: string;
}

function Chips<T extends string | number | null>({
  choices,
  selected,
  onToggle,
}: {
  choices: Choice<T>[];
  selected: T[];
  onToggle: (value: T) => void;
}) {
  return (
    <View className="quiz-new__chips">
      {choices.map((c) => (
        <View
          key={String(c.value)}
          className={`quiz-new__chip${selected.includes(c.value) ? ' quiz-new__chip--on' : ''}`}
          role="checkbox"
          aria-checked={selected.includes(c.value)}
          onClick={() => onToggle(c.value)}
        >
          {c.label}
        </View>
      ))}
    </View>
  );
}

const toggle = <T,>(list: T[], value: T) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);
const numberOf = (text: string) => (/^\d+$/.test(text) ? Number(text) : NaN);

/**
 * Creates a quiz: audience, a random draw (or a fixed paper of picked questions), time, pass
 * mark, attempts, window. With `?quizId=`, edits that quiz (possible until someone attempts it).
 */
export default function ManageQuizNewPage() {
  const me = useMe();
  const { params } = useRouter();
  const editId = params.quizId ? Number(params.quizId) : null;
  const quizzes = useManagedQuizzes(editId !== null);
  const editing = editId === null ? null : (quizzes.data?.find((q) => q.id === editId) ?? null);
  const waiting = editId !== null && (quizzes.loading || quizzes.data === null);
  useEffect(() => {
    if (editId !== null) void Taro.setNavigationBarTitle({ title: '修改答题' }).catch(() => undefined);
  }, [editId]);
  return (
    <View className="xf-page quiz-new">
      <PageState
        loading={me.loading || waiting}
        error={me.error ?? (editId !== null ? quizzes.error : null)}
        ready={me.data !== null && !waiting}
        onRetry={() => void Promise.all([me.reload(), quizzes.reload()])}
      >
        {me.data && (editId === null || editing) && <Form me={me.data} editing={editing} />}
        {editId !== null && quizzes.data && !editing && <Text className="quiz-new__label">找不到这场答题。</Text>}
      </PageState>
    </View>
  );
}

function Form({ me, editing }: { me: Me; editing: ManagedQuiz | null }) {
  const admin = isOrgAdmin(me);
  const branches = useBranches(admin ? me.org.id : null);
  const audiences: Choice<number | null>[] = admin
    ? [
        { value: null, label: '全单位' },
        ...(branches.data?.branches ?? []).map((b) => ({ value: b.id, label: b.name })),
      ]
    : secretaryBranchIds(me).map((id) => ({ value: id, label: me.branch?.id === id ? me.branch.name : `支部 ${id}` }));
  const bankTags = useQuestionBank({ limit: 1 });
  const [mode, setMode] = useState<'draw' | 'fixed'>(editing && !editing.draw ? 'fixed' : 'draw');
  const [fixedTag, setFixedTag] = useState<string | undefined>(undefined);
  const fixedBank = useQuestionBank({ limit: 200, tag: fixedTag });

  const [title, setTitle] = useState(editing?.title ?? '');
  const [kind, setKind] = useState<'exam' | 'practice'>(editing?.kind ?? 'exam');
  const [audience, setAudience] = useState<number | null>(
    editing ? (editing.branch?.id ?? null) : admin ? null : (audiences[0]?.value ?? null),
  );
  const [count, setCount] = useState(String(editing?.draw?.count ?? 10));
  const [tags, setTags] = useState<string[]>(editing?.draw?.tags ?? []);
  const [kinds, setKinds] = useState<QuestionKind[]>(editing?.draw?.kinds ?? []);
  const [difficulties, setDifficulties] = useState<number[]>(editing?.draw?.difficulties ?? []);
  const [picked, setPicked] = useState<number[]>(editing?.questionIds ?? []);
  const [minutes, setMinutes] = useState(String(editing?.timeLimitMinutes ?? 20));
  const [passMark, setPassMark] = useState(String(editing?.passMark ?? 60));
  const [attempts, setAttempts] = useState(String(editing?.maxAttempts ?? 1));
  const editedOpensOn = editing ? formatChina(editing.opensAt, 'YYYY-MM-DD') : null;
  const [opensOn, setOpensOn] = useState(() => editedOpensOn ?? chinaToday());
  const [closesOn, setClosesOn] = useState(() =>
    editing ? formatChina(editing.closesAt, 'YYYY-MM-DD') : chinaDaysFromToday(7),
  );
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState('');

  const save = async () => {
    setProblem('');
    // The pickers' dates are China dates: a quiz opens at 00:00 (or now, today) and closes at 23:59:59 China time.
    // An edit that keeps the opening date keeps the opening time.
    const opensAt =
      editing && opensOn === editedOpensOn
        ? editing.opensAt
        : opensOn === chinaToday()
          ? toChinaIso(Date.now())
          : toChinaIso(opensOn);
    const body: QuizBody = {
      title: title.trim(),
      kind,
      branchId: audience,
      timeLimitMinutes: numberOf(minutes),
      passMark: numberOf(passMark),
      maxAttempts: numberOf(attempts),
      opensAt,
      closesAt:
        editing && closesOn === formatChina(editing.closesAt, 'YYYY-MM-DD')
          ? editing.closesAt
          : toChinaIso(`${closesOn}T23:59:59`),
      ...(mode === 'draw'
        ? {
            draw: {
              count: numberOf(count),
              ...(tags.length ? { tags } : {}),
              ...(kinds.length ? { kinds } : {}),
              ...(difficulties.length ? { difficulties } : {}),
            },
          }
        : { questionIds: picked }),
    };
    if (body.title.length < 2) return setProblem('请填写标题（至少 2 个字）');
    if ([body.timeLimitMinutes, body.passMark, body.maxAttempts].some(Number.isNaN))
      return setProblem('时限、合格线和作答次数须为整数');
    if (mode === 'fixed' && picked.length === 0) return setProblem('请至少勾选一道题');
    setSaving(true);
    try {
      if (editing) await updateQuiz(editing.id, body);
      else await createQuiz(body);
      void showNotice(editing ? '已保存' : '已发布', { success: true });
      void Taro.navigateBack();
    } catch (error) {
      setProblem((error as ApiError).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <View>
      <Section title="基本信息">
        <Input
          className="quiz-new__input"
          value={title}
          placeholder="标题，如：11月党章党规测试"
          onInput={(e) => setTitle(e.detail.value)}
        />
        <Chips
          choices={[
            { value: 'exam', label: '考试（合格计积分）' },
            { value: 'practice', label: '练习（不计积分）' },
          ]}
          selected={[kind]}
          onToggle={(v) => setKind(v as 'exam' | 'practice')}
        />
        <Text className="quiz-new__label">参加范围</Text>
        <Chips choices={audiences} selected={[audience]} onToggle={setAudience} />
      </Section>

      <Section title="试题">
        <Chips
          choices={[
            { value: 'draw', label: '随机抽题（每人不同）' },
            { value: 'fixed', label: '固定题目' },
          ]}
          selected={[mode]}
          onToggle={(v) => setMode(v as 'draw' | 'fixed')}
        />
        {mode === 'draw' ? (
          <View>
            <Text className="quiz-new__label">抽题数量</Text>
            <Input className="quiz-new__input" type="number" value={count} onInput={(e) => setCount(e.detail.value)} />
            <Text className="quiz-new__label">标签（不选则不限）</Text>
            <Chips
              choices={(bankTags.data?.tags ?? []).map((t) => ({ value: t.tag, label: `${t.tag} ${t.count}` }))}
              selected={tags}
              onToggle={(v) => setTags(toggle(tags, v))}
            />
            <Text className="quiz-new__label">题型（不选则不限）</Text>
            <Chips
              choices={(['single', 'multiple', 'judge'] as QuestionKind[]).map((k) => ({
                value: k,
                label: KIND_LABEL[k],
              }))}
              selected={kinds}
              onToggle={(v) => setKinds(toggle(kinds, v))}
            />
            <Text className="quiz-new__label">难度（不选则不限）</Text>
            <Chips
              choices={[1, 2, 3].map((d) => ({ value: d, label: ['易', '中', '难'][d - 1] as string }))}
              selected={difficulties}
              onToggle={(v) => setDifficulties(toggle(difficulties, v))}
            />
          </View>
        ) : (
          <View>
            <Chips
              choices={(bankTags.data?.tags ?? []).map((t) => ({ value: t.tag, label: t.tag }))}
              selected={fixedTag ? [fixedTag] : []}
              onToggle={(v) => setFixedTag(fixedTag === v ? undefined : v)}
            />
            <Text className="quiz-new__label">已选 {picked.length} 题</Text>
            {fixedBank.data?.items.map((q) => (
              <View
                key={q.id}
                className={`quiz-new__question${picked.includes(q.id) ? ' quiz-new__question--on' : ''}`}
                role="checkbox"
                aria-checked={picked.includes(q.id)}
                onClick={() => setPicked(toggle(picked, q.id))}
              >
                <Text className="quiz-new__tick">{picked.includes(q.id) ? '✓' : ''}</Text>
                <Text className="quiz-new__stem">
                  [{KIND_LABEL[q.kind]}] {q.stem}
                </Text>
              </View>
            ))}
          </View>
        )}
      </Section>

      <Section title="规则">
        <View className="quiz-new__grid">
          <Text className="quiz-new__label">时限（分钟）</Text>
          <Input
            className="quiz-new__input"
            type="number"
            value={minutes}
            onInput={(e) => setMinutes(e.detail.value)}
          />
          <Text className="quiz-new__label">合格线（百分制）</Text>
          <Input
            className="quiz-new__input"
            type="number"
            value={passMark}
            onInput={(e) => setPassMark(e.detail.value)}
          />
          <Text className="quiz-new__label">每人最多作答次数</Text>
          <Input
            className="quiz-new__input"
            type="number"
            value={attempts}
            onInput={(e) => setAttempts(e.detail.value)}
          />
        </View>
        <Picker mode="date" value={opensOn} onChange={(e) => setOpensOn(String(e.detail.value))}>
          <View className="quiz-new__picker">开放日期：{opensOn}</View>
        </Picker>
        <Picker mode="date" value={closesOn} onChange={(e) => setClosesOn(String(e.detail.value))}>
          <View className="quiz-new__picker">截止日期：{closesOn}（当天 23:59）</View>
        </Picker>
      </Section>
      {problem && (
        <View className="quiz-new__problem" role="alert">
          {problem}
        </View>
      )}
      <XfButton type="primary" size="large" block loading={saving} onClick={() => void save()}>
        {editing ? '保存修改' : '发布答题'}
      </XfButton>
    </View>
  );
}
