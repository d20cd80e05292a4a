import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import type { QuestionKind, QuestionQuery } from '@contract';
import { EmptyState } from '../../../../components/empty-state';
import { PageState } from '../../../../components/page-state';
import { Section } from '../../../../components/section';
import { Tag } from '../../../../components/tag';
import { XfButton } from '../../../../components/xf-button';
import { useMe } from '../../../../hooks/useMe';
import { useQuestionBank } from '../../../../hooks/useQuestionBank';
import { useReloadOnShow } from '../../../../hooks/useReloadOnShow';
import { downloadQuestionFile } from '../../../../services/quiz';
import { routes } from '../../../../services/routes';
import { isOrgAdmin } from '../../../../utils/roles';
import { KIND_LABEL } from '../../components/question-card';
import './index.scss';

const LETTERS = 'ABCDEFGH';
const PAGE = 30;

/** The question bank for secretaries and org admins: search, filter, edit, import and export. */
export default function ManageBankPage() {
  const [text, setText] = useState('');
  const [filter, setFilter] = useState<QuestionQuery>({ limit: PAGE, offset: 0 });
  const bank = useQuestionBank(filter);
  const me = useMe();
  const admin = me.data ? isOrgAdmin(me.data) : false;
  useReloadOnShow(bank.reload);
  const set = (change: Partial<QuestionQuery>) => setFilter({ ...filter, offset: 0, ...change });
  const page = Math.floor((filter.offset ?? 0) / PAGE);

  return (
    <View className="xf-page manage-bank">
      <Section>
        <View className="manage-bank__actions">
          <XfButton type="primary" onClick={() => void Taro.navigateTo({ url: routes.manageQuestion })}>
            {admin ? '新增题目' : '新增本支部题目'}
          </XfButton>
          <XfButton onClick={() => void Taro.navigateTo({ url: routes.manageImport })}>导入题库</XfButton>
          <XfButton onClick={() => void downloadQuestionFile('export', 'xlsx').catch(() => undefined)}>
            导出题库
          </XfButton>
        </View>
        <Text className="manage-bank__note">
          {admin
            ? '全单位题库由您维护；各支部书记可以选用，也可以新增本支部的题目。'
            : '全单位题库由组织管理员维护，您可以选用组卷；您新增或导入的题目归本支部。'}
        </Text>
        <View className="manage-bank__search">
          <Input
            className="manage-bank__input"
            value={text}
            placeholder="输入题干关键词"
            confirmType="search"
            onInput={(event) => setText(event.detail.value)}
            onConfirm={() => set({ q: text.trim() || undefined })}
          />
          <XfButton type="primary" fill="outline" onClick={() => set({ q: text.trim() || undefined })}>
            搜索
          </XfButton>
        </View>
        <View className="manage-bank__chips">
          {(['single', 'multiple', 'judge'] as QuestionKind[]).map((kind) => (
            <View
              key={kind}
              className={`manage-bank__chip${filter.kind === kind ? ' manage-bank__chip--on' : ''}`}
              role="button"
              aria-pressed={filter.kind === kind}
              onClick={() => set({ kind: filter.kind === kind ? undefined : kind })}
            >
              {KIND_LABEL[kind]}
            </View>
          ))}
        </View>
        {bank.data && (
          <View className="manage-bank__chips">
            {bank.data.tags.slice(0, 12).map((t) => (
              <View
                key={t.tag}
                className={`manage-bank__chip${filter.tag === t.tag ? ' manage-bank__chip--on' : ''}`}
                role="button"
                aria-pressed={filter.tag === t.tag}
                onClick={() => set({ tag: filter.tag === t.tag ? undefined : t.tag })}
              >
                {t.tag} {t.count}
              </View>
            ))}
          </View>
        )}
      </Section>

      <PageState loading={bank.loading} error={bank.error} ready={bank.data !== null} onRetry={bank.reload}>
        {bank.data && (
          <Section title={`共 ${bank.data.total} 道题`}>
            {bank.data.items.length === 0 && <EmptyState title="没有符合条件的题目" />}
            {bank.data.items.map((q) => (
              <View
                key={q.id}
                className="manage-bank__item"
                role="button"
                hoverClass="manage-bank__item--pressed"
                onClick={() => void Taro.navigateTo({ url: `${routes.manageQuestion}?id=${q.id}` })}
              >
                <Text className="manage-bank__stem">{q.stem}</Text>
                <View className="manage-bank__meta">
                  <Tag tone="red">{KIND_LABEL[q.kind]}</Tag>
                  <Tag tone="green">
                    答案 {q.kind === 'judge' ? q.options[q.answer[0] ?? 0] : q.answer.map((i) => LETTERS[i]).join('')}
                  </Tag>
                  <Tag>难度 {q.difficulty}</Tag>
                  <Tag>{q.branch ? q.branch.name : '全单位'}</Tag>
                  {q.tags.map((t) => (
                    <Tag key={t}>{t}</Tag>
                  ))}
                </View>
                <Text className={`manage-bank__owner${q.editable ? '' : ' manage-bank__owner--locked'}`}>
                  {q.editable ? '点按可修改或停用' : `${q.readOnlyReason}，可选用，不能修改`}
                </Text>
              </View>
            ))}
            <View className="manage-bank__pager">
              <XfButton disabled={page === 0} onClick={() => setFilter({ ...filter, offset: (page - 1) * PAGE })}>
                上一页
              </XfButton>
              <Text className="manage-bank__page">第 {page + 1} 页</Text>
              <XfButton
                disabled={(page + 1) * PAGE >= bank.data.total}
                onClick={() => setFilter({ ...filter, offset: (page + 1) * PAGE })}
              >
                下一页
              </XfButton>
            </View>
          </Section>
        )}
      </PageState>
    </View>
  );
}
