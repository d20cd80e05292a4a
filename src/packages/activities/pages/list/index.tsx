import { useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { EmptyState } from '../../../../components/empty-state';
import { PageState } from '../../../../components/page-state';
import { Section } from '../../../../components/section';
import { XfButton } from '../../../../components/xf-button';
import { useMyActivities } from '../../../../hooks/useMyActivities';
import { useReloadOnShow } from '../../../../hooks/useReloadOnShow';
import { routes } from '../../../../services/routes';
import { chinaYear } from '../../../../utils/china-time';
import { ActivityCell } from '../../components/activity-cell';
import './index.scss';
import { useTextScale } from '../../../../hooks/useTextScale';

type Tab = 'upcoming' | 'past';

/** 我的活动: what is coming up, and a year's attendance history with its tally. */
export default function ActivityListPage() {
  const text = useTextScale();
  const [tab, setTab] = useState<Tab>('upcoming');
  const [year, setYear] = useState(chinaYear);
  const list = useMyActivities(tab, tab === 'past' ? year : undefined);
  useReloadOnShow(list.reload);
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh());
  });

  return (
    <View style={text.style} className="xf-page activity-list">
      <View className="activity-list__tabs" role="tablist">
        {(['upcoming', 'past'] as Tab[]).map((value) => (
          <View
            key={value}
            role="tab"
            aria-selected={tab === value}
            className={`activity-list__tab ${tab === value ? 'activity-list__tab--on' : ''}`}
            onClick={() => setTab(value)}
          >
            {value === 'upcoming' ? '即将开始' : '签到记录'}
          </View>
        ))}
      </View>

      {tab === 'past' && (
        <View className="activity-list__year">
          <XfButton onClick={() => setYear(year - 1)}>‹ 上一年</XfButton>
          <Text className="activity-list__year-label">{year}年</Text>
          <XfButton disabled={year >= chinaYear()} onClick={() => setYear(year + 1)}>
            下一年 ›
          </XfButton>
        </View>
      )}

      <PageState loading={list.loading} error={list.error} ready={list.data !== null} onRetry={list.reload}>
        {list.data && tab === 'past' && (
          <Section title={`${year}年参加情况`}>
            <View className="activity-list__tally">
              <Tally label="出席" value={list.data.tally.present} />
              <Tally label="迟到" value={list.data.tally.late} />
              <Tally label="请假" value={list.data.tally.leave} />
              <Tally label="缺席" value={list.data.tally.absent} />
            </View>
          </Section>
        )}
        {list.data && list.data.items.length === 0 && (
          <EmptyState
            title={tab === 'upcoming' ? '近期没有活动' : `${year}年没有活动记录`}
            description={tab === 'upcoming' ? '支部安排活动后会显示在这里。' : undefined}
          />
        )}
        {list.data && list.data.items.length > 0 && (
          <View className="activity-list__items">
            {list.data.items.map((activity) => (
              <ActivityCell
                key={activity.id}
                activity={activity}
                onClick={() => Taro.navigateTo({ url: `${routes.activity}?id=${activity.id}` })}
              />
            ))}
          </View>
        )}
      </PageState>
    </View>
  );
}

function Tally({ label, value }: { label: string; value: number }) {
  return (
    <View className="activity-list__tally-item">
      <Text className="activity-list__tally-value">{value}</Text>
      <Text className="activity-list__tally-label">{label}</Text>
    </View>
  );
}
