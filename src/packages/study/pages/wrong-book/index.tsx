import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { EmptyState } from '../../../../components/empty-state';
import { PageState } from '../../../../components/page-state';
import { Section } from '../../../../components/section';
import { Tag } from '../../../../components/tag';
import { XfButton } from '../../../../components/xf-button';
import { useReloadOnShow } from '../../../../hooks/useReloadOnShow';
import { useWrongBook } from '../../../../hooks/useWrongBook';
import { routes } from '../../../../services/routes';
import { formatDateTime } from '../../../../utils/format';
import { KIND_LABEL } from '../../components/question-card';
import './index.scss';
import { useTextScale } from '../../../../hooks/useTextScale';

/** The wrong-answer book (错题本): missed questions until answered right twice in a row. */
export default function WrongBookPage() {
  const text = useTextScale();
  const book = useWrongBook();
  useReloadOnShow(book.reload);
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
              {book.data.items.map((item) => (
                <View key={item.questionId} className="wrong-book__item">
                  <Text className="wrong-book__stem">{item.stem}</Text>
                  <View className="wrong-book__tags">
                    <Tag tone="red">{KIND_LABEL[item.kind]}</Tag>
                    <Tag>答错 {item.misses} 次</Tag>
                    {item.streak > 0 && <Tag tone="green">已连续答对 {item.streak} 次</Tag>}
                    <Tag>{formatDateTime(item.lastMissedAt)}</Tag>
                  </View>
                </View>
              ))}
            </Section>
          </>
        )}
      </PageState>
    </View>
  );
}
