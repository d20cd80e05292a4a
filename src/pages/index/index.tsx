import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { Me } from '@contract';
import { NotAMemberNote } from '../../components/not-a-member-note';
import { PageState } from '../../components/page-state';
import { PointsSummary } from '../../components/points-summary';
import { Section } from '../../components/section';
import { XfButton } from '../../components/xf-button';
import { useMe } from '../../hooks/useMe';
import { useMyActivities } from '../../hooks/useMyActivities';
import { useReloadOnShow } from '../../hooks/useReloadOnShow';
import { routes } from '../../services/routes';
import { greeting } from '../../utils/format';
import { canManage } from '../../utils/roles';
import { formatActivityTime, myStatusLabel } from '../../utils/activity-labels';
import { ListCell } from '../../components/list-cell';
import './index.scss';

export default function HomePage() {
  const me = useMe();
  useReloadOnShow(me.reload);
  usePullDownRefresh(() => {
    void me.reload().finally(() => Taro.stopPullDownRefresh());
  });

  return (
    <View className="xf-page home">
      <PageState loading={me.loading} error={me.error} ready={me.data !== null} onRetry={me.reload}>
        {me.data && <HomeContent me={me.data} />}
      </PageState>
    </View>
  );
}

function HomeContent({ me }: { me: Me }) {
  return (
    <>
      <View className="home__hello">
        <Text className="home__greeting">
          {greeting()}，{me.name}
        </Text>
        <Text className="home__branch">{me.branch?.name ?? me.org.name}</Text>
      </View>

      {me.points ? (
        <Section className="home__points">
          <PointsSummary summary={me.points} />
          <XfButton
            className="home__rules"
            fill="outline"
            type="primary"
            block
            onClick={() => Taro.navigateTo({ url: routes.pointsRules })}
          >
            怎样获得积分
          </XfButton>
        </Section>
      ) : (
        <NotAMemberNote />
      )}

      {me.roles.includes('member') && <UpcomingActivities />}

      {canManage(me) && (
        <Section title="支部管理">
          <Text className="home__note">安排活动、打开签到大屏，查看党员名册，发放微信绑定邀请码。</Text>
          <XfButton
            className="home__manage"
            type="primary"
            block
            onClick={() => Taro.navigateTo({ url: routes.manage })}
          >
            进入管理
          </XfButton>
        </Section>
      )}
    </>
  );
}

/** The member's next activities, with their own status; the full list is one tap away. */
function UpcomingActivities() {
  const upcoming = useMyActivities('upcoming');
  useReloadOnShow(upcoming.reload);
  // Pull-to-refresh reloads the page's own data: the activities too, not only /api/me.
  usePullDownRefresh(() => void upcoming.reload());
  const items = upcoming.data?.items.slice(0, 3) ?? [];
  return (
    <Section
      title="近期活动"
      extra={
        <View className="home__more" role="link" onClick={() => Taro.navigateTo({ url: routes.activities })}>
          全部 ›
        </View>
      }
    >
      {upcoming.error && !upcoming.data && <Text className="home__note">近期活动没有加载成功，下拉可重试。</Text>}
      {upcoming.data && items.length === 0 && <Text className="home__note">近期没有安排活动。</Text>}
      {items.map((activity) => (
        <ListCell
          key={activity.id}
          className="home__activity"
          title={activity.title}
          description={`${formatActivityTime(activity.startsAt, activity.endsAt)} · ${activity.place}`}
          extra={
            activity.status === 'cancelled'
              ? '已取消'
              : activity.myStatus
                ? myStatusLabel[activity.myStatus]
                : undefined
          }
          onClick={() => Taro.navigateTo({ url: `${routes.activity}?id=${activity.id}` })}
        />
      ))}
    </Section>
  );
}
