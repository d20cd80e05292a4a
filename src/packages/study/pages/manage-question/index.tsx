import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Input, Text, Textarea, View } from '@tarojs/components';
import type { Question, QuestionBody, QuestionKind } from '@contract';
import { PageState } from '../../../../components/page-state';
import { Section } from '../../../../components/section';
import { XfButton } from '../../../../components/xf-button';
import { useAsync } from '../../../../hooks/useAsync';
import { useMe } from '../../../../hooks/useMe';
import { isOrgAdmin } from '../../../../utils/roles';
import type { ApiError } from '../../../../services/api-error';
import { archiveQuestion, createQuestion, fetchQuestion, updateQuestion } from '../../../../services/quiz';
import { KIND_LABEL } from '../../components/question-card';
import { showNotice } from '../../../../utils/notice';
import './index.scss';

const LETTERS = 'ABCDEFGH';
const JUDGE = ['正确', '错误'];
const blank: QuestionBody = {
  kind: 'single',
  stem: '',
  options: ['', '', '', ''],
  answer: [],
  explanation: '',
  tags: [],
  difficulty: 1,
  source: null,
};

/** Create or edit one question of the bank. */
export default function ManageQuestionPage() {
  const { params } = useRouter();
  const id = Number(params.id);
  const existing = useAsync(() => fetchQuestion(id, { silent: true }), { enabled: id > 0, key: id });
  return (
    <View className="xf-page manage-question">
      {id > 0 ? (
        <PageState
          loading={existing.loading}
          error={existing.error}
          ready={existing.data !== null}
          onRetry={existing.reload}
        >
          {existing.data &&
            (existing.data.editable ? <Editor question={existing.data} /> : <ReadOnly question={existing.data} />)}
        </PageState>
      ) : (
        <Editor question={null} />
      )}
    </View>
  );
}

/** A question the reader may use in a quiz but not change: why, and what it says. */
function ReadOnly({ question }: { question: Question }) {
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: '查看题目' }).catch(() => undefined);
  }, []);
  return (
    <View>
      <View className="manage-question__keeper" role="note">
        <Text className="manage-question__keeper-title">{question.readOnlyReason}</Text>
        <Text className="manage-question__keeper-text">
          {question.branch
            ? '您可以在组卷时选用这道题；如需修改，请联系该支部书记或组织管理员。'
            : '您可以在组卷时选用这道题；如需修改，请联系组织管理员。也可以新增本支部的题目。'}
        </Text>
      </View>
      <Section title={`${KIND_LABEL[question.kind]}题`}>
        <Text className="manage-question__stem">{question.stem}</Text>
        {question.options.map((option, index) => (
          <View key={index} className="manage-question__option">
            <View
              className={`manage-question__letter${question.answer.includes(index) ? ' manage-question__letter--on' : ''}`}
              aria-label={question.answer.includes(index) ? `选项${LETTERS[index]}，是答案` : `选项${LETTERS[index]}`}
            >
              {LETTERS[index]}
            </View>
            <Text className="manage-question__judge">{option}</Text>
          </View>
        ))}
      </Section>
      <Section title="解析">
        <Text className="manage-question__stem">{question.explanation}</Text>
      </Section>
      {question.tags.length > 0 && (
        <Section title="标签">
          <Text className="manage-question__stem">{question.tags.join('、')}</Text>
        </Section>
      )}
    </View>
  );
}

function Editor({ question }: { question: Question | null }) {
  const me = useMe();
  const [draft, setDraft] = useState<QuestionBody>(() =>
    question
      ? {
          kind: question.kind,
          stem: question.stem,
          options: question.options,
          answer: question.answer,
          explanation: question.explanation,
          tags: question.tags,
          difficulty: question.difficulty,
          source: question.source,
        }
      : blank,
  );
  const [tagText, setTagText] = useState((question?.tags ?? []).join('、'));
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState('');
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: question ? '编辑题目' : '新增题目' }).catch(() => undefined);
  }, [question]);
  const set = (change: Partial<QuestionBody>) => setDraft({ ...draft, ...change });

  const setKind = (kind: QuestionKind) =>
    set(
      kind === 'judge'
        ? { kind, options: JUDGE, answer: [] }
        : { kind, options: draft.kind === 'judge' ? ['', '', '', ''] : draft.options, answer: [] },
    );
  const toggleAnswer = (index: number) =>
    set({
      answer:
        draft.kind === 'multiple'
          ? draft.answer.includes(index)
            ? draft.answer.filter((a) => a !== index)
            : [...draft.answer, index].sort((a, b) => a - b)
          : [index],
    });

  const save = async () => {
    setSaving(true);
    setProblem('');
    const body: QuestionBody = {
      ...draft,
      tags: tagText
        .split(/[、,，;；\s]+/)
        .map((t) => t.trim())
        .filter(Boolean),
      source: draft.source?.trim() || null,
    };
    try {
      if (question) await updateQuestion(question.id, body);
      else await createQuestion(body);
      void showNotice('已保存', { success: true });
      void Taro.navigateBack();
    } catch (error) {
      setProblem((error as ApiError).message);
    } finally {
      setSaving(false);
    }
  };

  const archive = async () => {
    if (!question) return;
    const { confirm } = await Taro.showModal({
      title: '停用这道题？',
      content: '停用后不会再被抽到，已有答卷仍可查看。',
      confirmText: '停用',
      confirmColor: '#C8161D',
    });
    if (!confirm) return;
    await archiveQuestion(question.id);
    void Taro.navigateBack();
  };

  // Where a new question goes is decided by the server from the session; this only says so.
  const owner = question
    ? question.branch
      ? `本题属于${question.branch.name}`
      : '本题属于全单位题库'
    : me.data
      ? isOrgAdmin(me.data)
        ? '新题目将加入全单位题库，各支部都能选用'
        : '新题目将加入本支部题库，只有本支部和组织管理员能看到和修改'
      : '';

  return (
    <View>
      {owner && <Text className="manage-question__owner">{owner}</Text>}
      <Section title="题型">
        <View className="manage-question__choices">
          {(['single', 'multiple', 'judge'] as QuestionKind[]).map((kind) => (
            <View
              key={kind}
              className={`manage-question__choice${draft.kind === kind ? ' manage-question__choice--on' : ''}`}
              role="radio"
              aria-checked={draft.kind === kind}
              onClick={() => setKind(kind)}
            >
              {KIND_LABEL[kind]}
            </View>
          ))}
        </View>
      </Section>
      <Section title="题干">
        <Textarea
          className="manage-question__textarea"
          value={draft.stem}
          maxlength={500}
          placeholder="请输入题干，空缺处用（ ）表示"
          onInput={(e) => set({ stem: e.detail.value })}
        />
      </Section>
      <Section title="选项（点字母设为答案）">
        {draft.options.map((option, index) => (
          <View key={index} className="manage-question__option">
            <View
              className={`manage-question__letter${draft.answer.includes(index) ? ' manage-question__letter--on' : ''}`}
              role={draft.kind === 'multiple' ? 'checkbox' : 'radio'}
              aria-checked={draft.answer.includes(index)}
              aria-label={`设选项${LETTERS[index]}为答案`}
              onClick={() => toggleAnswer(index)}
            >
              {LETTERS[index]}
            </View>
            {draft.kind === 'judge' ? (
              <Text className="manage-question__judge">{option}</Text>
            ) : (
              <Input
                className="manage-question__input"
                value={option}
                placeholder={`选项${LETTERS[index]}`}
                onInput={(e) => set({ options: draft.options.map((o, i) => (i === index ? e.detail.value : o)) })}
              />
            )}
          </View>
        ))}
        {draft.kind !== 'judge' && (
          <View className="manage-question__row">
            <XfButton disabled={draft.options.length >= 8} onClick={() => set({ options: [...draft.options, ''] })}>
              增加选项
            </XfButton>
            <XfButton
              disabled={draft.options.length <= 2}
              onClick={() =>
                set({
                  options: draft.options.slice(0, -1),
                  answer: draft.answer.filter((a) => a < draft.options.length - 1),
                })
              }
            >
              删除最后一项
            </XfButton>
          </View>
        )}
      </Section>
      <Section title="解析（请注明出处）">
        <Textarea
          className="manage-question__textarea"
          value={draft.explanation}
          maxlength={1000}
          placeholder="如：《中国共产党章程》第五条：……"
          onInput={(e) => set({ explanation: e.detail.value })}
        />
      </Section>
      <Section title="标签、难度与出处">
        <Input
          className="manage-question__input manage-question__input--full"
          value={tagText}
          placeholder="标签，用顿号分隔，如 党章、党员"
          onInput={(e) => setTagText(e.detail.value)}
        />
        <View className="manage-question__choices">
          {([1, 2, 3] as const).map((d) => (
            <View
              key={d}
              className={`manage-question__choice${draft.difficulty === d ? ' manage-question__choice--on' : ''}`}
              role="radio"
              aria-checked={draft.difficulty === d}
              onClick={() => set({ difficulty: d })}
            >
              {['易', '中', '难'][d - 1]}
            </View>
          ))}
        </View>
        <Input
          className="manage-question__input manage-question__input--full"
          value={draft.source ?? ''}
          placeholder="出处，如《中国共产党章程》"
          onInput={(e) => set({ source: e.detail.value })}
        />
      </Section>
      {problem && (
        <View className="manage-question__problem" role="alert">
          {problem}
        </View>
      )}
      <XfButton type="primary" size="large" block loading={saving} onClick={() => void save()}>
        保存
      </XfButton>
      {question && (
        <XfButton className="manage-question__archive" size="large" block onClick={() => void archive()}>
          停用这道题
        </XfButton>
      )}
    </View>
  );
}
