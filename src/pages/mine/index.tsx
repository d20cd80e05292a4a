import { useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { Me } from '@contract';
import { LedgerList } from '../../components/ledger-list';
import { PageState } from '../../components/page-state';
import { PointsSummary } from '../../components/points-summary';
import { ListCell } from '../../components/list-cell';
import { Section } from '../../components/section';
import { SwitchRow } from '../../components/switch-row';
import { Tag } from '../../components/tag';
import { XfButton } from '../../components/xf-button';
import { useMe } from '../../hooks/useMe';
import { useMyPoints } from '../../hooks/useMyPoints';
import { useReloadOnShow } from '../../hooks/useReloadOnShow';
import { useTextScale } from '../../hooks/useTextScale';
import { signOut } from '../../services/auth';
import { routes } from '../../services/routes';
import { formatDate, maskPhone } from '../../utils/format';
import { employmentLabel, politicalStatusLabel, roleLabel } from '../../utils/labels';
import { canManage } from '../../utils/roles';
import { MySubscriptions } from './subscriptions';
import { largeTextOn, setLargeText, systemTextScale } from '../../utils/text-scale';
import './index.scss';

export default function MinePage() {
  const me = useMe();
  // Accounts outside any branch (a pure org admin) have no points to ask for.
  const points = useMyPoints(me.data !== null && me.data.points !== null);
  const reloadAll = () => Promise.all([me.reload(), points.reload()]).then(() => undefined);
  useReloadOnShow(reloadAll);
  usePullDownRefresh(() => {
    void reloadAll().finally(() => Taro.stopPullDownRefresh());
  });
  const text = useTextScale();

  return (
    <View className="xf-page mine" style={text.style}>
      <PageState loading={me.loading} error={me.error} ready={me.data !== null} onRetry={me.reload}>
        {me.data && (
          <>
            <Profile me={me.data} />
            {me.data.points && (
              <Section title="我的积分">
                <PageState
                  loading={points.loading}
                  error={points.error}
                  ready={points.data !== null}
                  onRetry={points.reload}
                >
                  {points.data && <PointsSummary summary={points.data.summary} />}
                </PageState>
              </Section>
            )}
            <Links me={me.data} />
            {me.data.points && <MySubscriptions />}
            <LargeTextSwitch />
            {me.data.points && points.data && (
              <Section title="最近积分记录">
                <LedgerList entries={points.data.recent} />
              </Section>
            )}
            <SignOutButton />
          </>
        )}
      </PageState>
    </View>
  );
}

function Profile({ me }: { me: Me }) {
  return (
    <Section className="mine__profile">
      <View className="mine__name-row">
        <Text className="mine__name">{me.name}</Text>
        {me.roles
          .filter((role) => role !== 'member')
          .map((role) => (
            <Tag key={role} className="mine__role" tone="red" solid>
              {roleLabel[role]}
            </Tag>
          ))}
      </View>
      <Text className="mine__branch">{me.branch?.name ?? me.org.name}</Text>
      <View className="mine__facts">
        <Fact label="党员类别" value={politicalStatusLabel[me.politicalStatus]} />
        <Fact label="工作状态" value={employmentLabel[me.employment]} />
        <Fact label="入党日期" value={formatDate(me.joinedPartyOn)} />
        <Fact label="手机号码" value={maskPhone(me.phone)} />
      </View>
    </Section>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <View className="mine__fact">
      <Text className="mine__fact-label">{label}</Text>
      <Text className="mine__fact-value">{value}</Text>
    </View>
  );
}

function Links({ me }: { me: Me }) {
  return (
    <View className="mine__links">
      {me.points && (
        <>
          <ListCell
            title="我的积分"
            description="明细、星级与异议"
            extra="查看 ›"
            onClick={() => Taro.navigateTo({ url: routes.myPoints })}
          />
          <ListCell title="积分排名" extra="查看 ›" onClick={() => Taro.navigateTo({ url: routes.ranking })} />
          <ListCell
            title="积分与出勤变动"
            description="谁为我加减分、登记出勤，理由是什么"
            extra="查看 ›"
            onClick={() => Taro.navigateTo({ url: routes.myChanges })}
          />
        </>
      )}
      <ListCell title="积分规则" extra="查看 ›" onClick={() => Taro.navigateTo({ url: routes.pointsRules })} />
      <ListCell
        title="隐私说明"
        description="收集什么、为什么、保存多久"
        extra="查看 ›"
        onClick={() => Taro.navigateTo({ url: routes.privacy })}
      />
      {canManage(me) && (
        <>
          <ListCell title="管理" extra="进入 ›" onClick={() => Taro.navigateTo({ url: routes.manage })} />
          <ListCell
            title="扫码登录电脑端"
            description="在电脑上打开先锋，用手机扫码登录"
            extra="扫码 ›"
            onClick={() => Taro.navigateTo({ url: routes.webLogin })}
          />
        </>
      )}
    </View>
  );
}

/** 大字, kept on this phone; WeChat's own 字体大小 (or the browser's) applies whether or not it is on. */
function LargeTextSwitch() {
  const [on, setOn] = useState(largeTextOn);
  const system = systemTextScale();
  return (
    <View className="mine__links">
      <SwitchRow
        title="大字"
        hint={system > 1 ? '已按手机的字体设置放大；打开后至少放大到 1.3 倍' : '所有页面的文字放大到 1.3 倍'}
        checked={on}
        onChange={(next) => {
          setLargeText(next);
          setOn(next);
        }}
      />
    </View>
  );
}

function SignOutButton() {
  const [busy, setBusy] = useState(false);

  const confirmSignOut = async () => {
    const { confirm } = await Taro.showModal({
      title: '退出登录',
      content: '确定要退出登录吗？',
      confirmText: '退出',
      confirmColor: '#C8161D',
      cancelText: '取消',
    });
    if (!confirm) return;
    setBusy(true);
    await signOut();
    setBusy(false);
    await Taro.reLaunch({ url: routes.loginAfterSignOut });
  };

  return (
    <XfButton className="mine__sign-out" block size="large" loading={busy} onClick={() => void confirmSignOut()}>
      退出登录
    </XfButton>
  );
}
