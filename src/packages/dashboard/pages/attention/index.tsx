import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { EmptyState } from '../../../../components/empty-state';
import { PageState } from '../../../../components/page-state';
import { Section } from '../../../../components/section';
import { useAttention } from '../../../../hooks/useDashboard';
import { formatDate } from '../../../../utils/format';
import './index.scss';

const KIND_LABEL = { activity: '参加活动', quiz: '线上答题', volunteer: '志愿服务' } as const;

/** 需关注: members with no participation in 60 days, for the secretary's follow-up talk. */
export default function AttentionPage() {
  const { params } = useRouter();
  const branchId = Number(params.branchId);
  const valid = Number.isInteger(branchId) && branchId > 0;
  const attention = useAttention(valid ? branchId : null);
  if (!valid) return <EmptyState mark="!" title="没有找到这个支部" description="请返回数据看板重新进入。" />;
  return (
    <View className="xf-page attention">
      <PageState
        loading={attention.loading}
        error={attention.error}
        ready={attention.data !== null}
        onRetry={attention.reload}
      >
        {attention.data && (
          <>
            <Section>
              <Text className="attention__intro">
                自 {formatDate(attention.data.since)} 起（近 {attention.data.days}{' '}
                天）没有参加活动、线上答题或志愿服务的党员，供谈心谈话时参考。此名单仅书记和组织管理员可见。
              </Text>
            </Section>
            {attention.data.members.length === 0 ? (
              <EmptyState mark="✓" title="每位党员近期都有参与" description="没有需要关注的党员。" />
            ) : (
              <Section title={`共 ${attention.data.members.length} 人`}>
                {attention.data.members.map((m) => (
                  <View key={m.memberId} className="attention__member">
                    <Text className="attention__name">{m.name}</Text>
                    <Text className="attention__last">
                      {m.lastParticipation
                        ? `最近一次：${formatDate(m.lastParticipation)}${m.lastKind ? ` ${KIND_LABEL[m.lastKind]}` : ''}`
                        : '还没有参与记录'}
                    </Text>
                  </View>
                ))}
              </Section>
            )}
          </>
        )}
      </PageState>
    </View>
  );
}
