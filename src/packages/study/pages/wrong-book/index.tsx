import { useState } from 'react';
import Taro from '@tarojs/taro';
import type { WrongBookItem } from '@contract';
import { Text, View } from '@tarojs/components';
import { EmptyState } from '../../../../components/empty-state';
import { PageState } from '../../../../components/page-state';
import { Section } from '../../../../components/section';
import { Tag } from '../../../../components/tag';
import { XfButton } from '../../../../components/xf-button';
import { useAsync } from '../../../../hooks/useAsync';
import { useReloadOnShow } from '../../../../hooks/useReloadOnShow';
import { useWrongBook } from '../../../../hooks/useWrongBook';
import { fetchWrongBookQuestion } from '../../../../services/quiz';
import { routes } from '../../../../services/routes';
import { formatDateTime } from '../../../../utils/format';
import { KIND_LABEL, QuestionCard } from '../../components/question-card';
import './index.scss';
import { useTextScale } from '../../../../hooks/useTextScale';

/** The wrong-answer book (错题本): missed questions until answered right twice in a row. */
export default function WrongBookPage() {
  const text = useTextScale();
  const book = useWrongBook();
  useReloadOnShow(book.reload);
  const [openId, setOpenId] = useState<number | null>(null);
  return (
    <View style={text.style} className="xf-page wrong-book">
      <PageState loading={book.loading} error={book.error} ready={book.data !== null} onRetry={book.reload}>
        {book.data && book.data.total === 0 && (
          <EmptyState mark="✓" title="错题本是空的" description="答错的题会自动收进来，连续答对两次后移出。" />
        )}
        {book.data && book.data.total > 0 && (
          <>
            <Section>
              <Text className="wrong-book__count">共 {book.data.total} 道错题</Text>
              <Text className="wrong-book__hint">每次练 5 道，连续答对两次的题会移出错题本。</Text>
              <XfButton
                type="primary"
                size="large"
                block
                onClick={() => void Taro.navigateTo({ url: `${routes.practice}?kind=wrong` })}
              >
                开始错题练习
              </XfButton>
            </Section>
            <Section title="错题列表">
              <Text className="wrong-book__hint">点一道题，看正确答案和解析。</Text>
              {book.data.items.map((item, index) => (
                <WrongBookEntry
                  key={item.questionId}
                  item={item}
                  number={index + 1}
                  open={openId === item.questionId}
                  onToggle={() => setOpenId(openId === item.questionId ? null : item.questionId)}
                />
              ))}
            </Section>
          </>
        )}
      </PageState>
    </View>
  );
}

/** One missed question: tap to open it with the right answer and the explanation. */
function WrongBookEntry(props: { item: WrongBookItem; number: number; open: boolean; onToggle: () => void }) {
  const { item } = props;
  return (
    <View className={`wrong-book__item${props.open ? ' wrong-book__item--open' : ''}`}>
      <View
        className="wrong-book__head"
        role="button"
        aria-expanded={props.open}
        hoverClass="wrong-book__head--pressed"
        onClick={props.onToggle}
      >
        <Text className="wrong-book__stem">{item.stem}</Text>
        <View className="wrong-book__tags">
          <Tag tone="red">{KIND_LABEL[item.kind]}</Tag>
          <Tag>答错 {item.misses} 次</Tag>
          {item.streak > 0 && <Tag tone="green">已连续答对 {item.streak} 次</Tag>}
          <Tag>{formatDateTime(item.lastMissedAt)}</Tag>
        </View>
        <Text className="wrong-book__toggle">{props.open ? '收起 ▲' : '看答案和解析 ▼'}</Text>
      </View>
      {props.open && <WrongBookDetail questionId={item.questionId} number={props.number} />}
    </View>
  );
}

/** The opened question: asked for only when opened, so the list never carries answers. */
function WrongBookDetail({ questionId, number }: { questionId: number; number: number }) {
  const detail = useAsync(() => fetchWrongBookQuestion(questionId, { silent: true }), { key: questionId });
  const hidden = detail.error && detail.error.status === 409;
  return (
    <View className="wrong-book__detail">
      {hidden ? (
        <Text className="wrong-book__hidden">{detail.error?.message}</Text>
      ) : (
        <PageState loading={detail.loading} error={detail.error} ready={detail.data !== null} onRetry={detail.reload}>
          {detail.data && (
            <>
              <QuestionCard
                number={number}
                kind={detail.data.kind}
                stem={detail.data.stem}
                options={detail.data.options}
                chosen={[]}
                answer={detail.data.answer}
                showChosen={false}
              />
              <View className="wrong-book__explanation">
                <Text className="wrong-book__explanation-label">解析</Text>
                <Text className="wrong-book__explanation-text">{detail.data.explanation}</Text>
              </View>
            </>
          )}
        </PageState>
      )}
    </View>
  );
}
