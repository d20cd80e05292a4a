import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { Me } from '@contract';
import { NotAMemberNote } from '../../components/not-a-member-note';
import { PageState } from '../../components/page-state';
import { PointsSummary } from '../../components/points-summary';
import { Section } from '../../components/section';
import { XfButton } from '../../components/xf-button';
import { useMe } from '../../hooks/useMe';
import { useReloadOnShow } from '../../hooks/useReloadOnShow';
import { routes } from '../../services/routes';
import { greeting } from '../../utils/format';
import { canManage } from '../../utils/roles';
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

      {canManage(me) && (
        <Section title="支部管理">
          <Text className="home__note">查看党员名册，为党员发放微信绑定邀请码。</Text>
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
