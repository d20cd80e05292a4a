import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { Onboarding } from '@contract';
import { Section } from '../../../../components/section';
import { XfButton } from '../../../../components/xf-button';
import { useAsync } from '../../../../hooks/useAsync';
import { useReloadOnShow } from '../../../../hooks/useReloadOnShow';
import { confirmRulesReviewed, fetchOnboarding } from '../../../../services/people';
import { routes } from '../../../../services/routes';
import './index.scss';

interface Step {
  key: keyof Omit<Onboarding, 'done'>;
  title: string;
  done: boolean;
  detail: string;
  action: string;
  url: string;
}

const names = (list: Array<{ name: string }>) =>
  list.length <= 2 ? list.map((b) => `“${b.name}”`).join('、') : `“${list[0]!.name}”等 ${list.length} 个支部`;

/** The five first-run steps, each worded from the organisation's own records. */
export function onboardingSteps(o: Onboarding, orgId: number): Step[] {
  const invitesAt = o.invites.pendingBranches[0];
  const secretaryAt = o.secretaries.missing[0];
  return [
    {
      key: 'branches',
      title: '新建支部',
      done: o.branches.done,
      detail: o.branches.done ? `已有 ${o.branches.count} 个支部` : '先建好本单位的各个党支部，党员按支部归属。',
      action: '去新建支部',
      url: routes.managePeople,
    },
    {
      key: 'roster',
      title: '导入党员名册',
      done: o.roster.done,
      detail: o.roster.done
        ? `已有 ${o.roster.members} 名党员`
        : o.roster.emptyBranches.length > 0 && o.branches.done
          ? `${names(o.roster.emptyBranches)}还没有党员。用 Excel 或 CSV 导入，先预览再确认。`
          : '用 Excel 或 CSV 导入，先预览再确认。',
      action: '去导入名册',
      url: `${routes.manageRosterImport}?orgId=${orgId}`,
    },
    {
      key: 'secretaries',
      title: '任命支部书记',
      done: o.secretaries.done,
      detail: o.secretaries.done
        ? '每个支部都有书记'
        : o.secretaries.missing.length > 0
          ? `${names(o.secretaries.missing)}尚未任命书记。在支部名册中点选党员任命。`
          : '导入名册后，在支部名册中点选党员任命。',
      action: '去任命书记',
      url: secretaryAt ? `${routes.manageBranch}?branchId=${secretaryAt.id}` : routes.managePeople,
    },
    {
      key: 'invites',
      title: '打印邀请码',
      done: o.invites.done,
      detail: o.invites.done
        ? o.invites.bound >= o.roster.members
          ? `全部 ${o.roster.members} 人已绑定微信`
          : `${o.roster.members - o.invites.bound} 人有有效的邀请码，等待绑定；${o.invites.bound} 人已绑定微信`
        : o.invites.withoutCode > 0
          ? `${o.invites.withoutCode} 人既未绑定微信，也没有有效的邀请码${
              invitesAt ? `（${names(o.invites.pendingBranches)}）` : ''
            }。打印邀请单，开会时发给大家。`
          : '导入名册后，为每个支部打印邀请单。',
      action: '去打印邀请单',
      url: invitesAt
        ? `${routes.manageInviteSheet}?branchId=${invitesAt.id}&name=${encodeURIComponent(invitesAt.name)}`
        : routes.managePeople,
    },
    {
      key: 'rules',
      title: '确认积分规则',
      done: o.rules.done,
      detail: o.rules.done
        ? '已确认积分规则'
        : '看一看基础分、各项分值与封顶、星级门槛；需要时修改并发布，或沿用默认规则。',
      action: '查看积分规则',
      url: routes.pointsRulesEdit,
    },
  ];
}

/**
 * 开通向导 for a newly set-up organisation's admin: create branches → import the roster → name
 * the secretaries → print invites → review the rules. Each step's state comes from the API; the
 * list folds away once every step is done. Renders nothing while loading or on error (the page
 * below stays usable).
 */
export function OnboardingChecklist({ orgId, refreshKey = '' }: { orgId: number; refreshKey?: string }) {
  // A page that changes what the steps read (a new branch) passes a new refreshKey.
  const state = useAsync(() => fetchOnboarding(orgId, { silent: true }), { key: `${orgId}:${refreshKey}` });
  useReloadOnShow(state.reload);
  const [confirming, setConfirming] = useState(false);
  const onboarding = state.data;
  if (!onboarding || onboarding.done) return null;

  const steps = onboardingSteps(onboarding, orgId);
  const current = steps.find((s) => !s.done);
  const doneCount = steps.filter((s) => s.done).length;

  const keepRules = async () => {
    const { confirm } = await Taro.showModal({
      title: '沿用当前积分规则',
      content: '确认已看过积分规则，暂不修改？以后仍可随时修改并发布新版本。',
      confirmText: '沿用',
      cancelText: '再看看',
    });
    if (!confirm) return;
    setConfirming(true);
    try {
      await confirmRulesReviewed(orgId);
      await state.reload();
    } catch {
      // The request wrapper has shown why.
    } finally {
      setConfirming(false);
    }
  };

  return (
    <Section title="开通向导" className="onboarding" extra={<Text className="onboarding__count">{doneCount}/5</Text>}>
      <Text className="onboarding__lead">按顺序完成这几步，党员就能用小程序签到了。</Text>
      <View className="onboarding__steps" role="list" aria-label="开通向导">
        {steps.map((step, index) => {
          const isCurrent = step === current;
          return (
            <View
              key={step.key}
              role="listitem"
              className={[
                'onboarding__step',
                step.done && 'onboarding__step--done',
                isCurrent && 'onboarding__step--current',
              ]
                .filter(Boolean)
                .join(' ')}
              aria-label={`第${index + 1}步 ${step.title}：${step.done ? '已完成' : '未完成'}`}
            >
              <Text className="onboarding__mark">{step.done ? '✓' : index + 1}</Text>
              <View className="onboarding__body">
                <Text className="onboarding__title">
                  {step.title}
                  {step.done ? '（已完成）' : ''}
                </Text>
                <Text className="onboarding__detail">{step.detail}</Text>
                {!step.done && (
                  <View className="onboarding__actions">
                    <XfButton
                      type={isCurrent ? 'primary' : 'default'}
                      block
                      onClick={() => void Taro.navigateTo({ url: step.url })}
                    >
                      {step.action}
                    </XfButton>
                    {step.key === 'rules' && (
                      <XfButton block loading={confirming} onClick={() => void keepRules()}>
                        看过了，沿用当前规则
                      </XfButton>
                    )}
                  </View>
                )}
              </View>
            </View>
          );
        })}
      </View>
    </Section>
  );
}
