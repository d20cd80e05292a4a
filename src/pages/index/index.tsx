import { useEffect, useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { ActivitySummary, Me } from '@contract';
import { NotAMemberNote } from '../../components/not-a-member-note';
import { PageState } from '../../components/page-state';
import { PointsSummary } from '../../components/points-summary';
import { Section } from '../../components/section';
import { XfButton } from '../../components/xf-button';
import { useMe } from '../../hooks/useMe';
import { useMyActivities } from '../../hooks/useMyActivities';
import { useReloadOnShow } from '../../hooks/useReloadOnShow';
import { routes } from '../../services/routes';
import { loadSession } from '../../services/session';
import { greeting } from '../../utils/format';
import { canManage } from '../../utils/roles';
import { checkInPhase, formatActivityTime, myStatusChip } from '../../utils/activity-labels';
import { Tag } from '../../components/tag';
import { useTextScale } from '../../hooks/useTextScale';
import './index.scss';

export default function HomePage() {
  // A visitor on the phone whom nobody signed in yet sees the welcome page (what 先锋 is, how to
  // get an invite) rather than a failed page and the login screen. H5 keeps its sign-in page.
  const [visitor] = useState(() => process.env.TARO_ENV === 'weapp' && loadSession() === null);
  useEffect(() => {
    if (visitor) void Taro.reLaunch({ url: routes.welcome }).catch(() => undefined);
  }, [visitor]);
  if (visitor) return <View className="xf-page home" />;
  return <SignedInHome />;
}

function SignedInHome() {
  const me = useMe();
  useReloadOnShow(me.reload);
  usePullDownRefresh(() => {
    void me.reload().finally(() => Taro.stopPullDownRefresh());
  });
  const text = useTextScale();

  return (
    <View className="xf-page home" style={text.style}>
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
        <NotAMemberNote manager={canManage(me) ? { withLink: false } : undefined} />
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
        <HomeActivity key={activity.id} activity={activity} />
      ))}
    </Section>
  );
}

/**
 * One activity on 首页: what, when, where and one chip for where the member stands; while
 * check-in is open and the member has not checked in, a 去签到 button leads straight to the form.
 */
function HomeActivity({ activity }: { activity: ActivitySummary }) {
  const open = () => Taro.navigateTo({ url: `${routes.activity}?id=${activity.id}` });
  const chip = myStatusChip(activity);
  const canCheckIn =
    activity.myStatus === 'pending' && activity.myLeave !== 'pending' && checkInPhase(activity) === 'open';
  return (
    <View className="home__activity" role="link" hoverClass="home__activity--pressed" onClick={open}>
      <View className="home__activity-main">
        <Text className="home__activity-title">{activity.title}</Text>
        <Text className="home__activity-line">
          {`${formatActivityTime(activity.startsAt, activity.endsAt)} · ${activity.place}`}
        </Text>
      </View>
      <View className="home__activity-side">
        {canCheckIn ? (
          // No handler of its own: the tap reaches the row, which opens the check-in form once.
          <XfButton type="primary" className="home__check-in">
            去签到
          </XfButton>
        ) : (
          chip && (
            <Tag tone={chip.tone} solid={chip.solid}>
              {chip.label}
            </Tag>
          )
        )}
      </View>
    </View>
  );
}
