import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { EmptyState } from '../../../../components/empty-state';
import { ListCell } from '../../../../components/list-cell';
import { PageState } from '../../../../components/page-state';
import { Section } from '../../../../components/section';
import { XfButton } from '../../../../components/xf-button';
import { useBranches } from '../../../../hooks/useBranches';
import { useMe } from '../../../../hooks/useMe';
import { useReloadOnShow } from '../../../../hooks/useReloadOnShow';
import { createBranch } from '../../../../services/people';
import { routes } from '../../../../services/routes';
import { isOrgAdmin } from '../../../../utils/roles';
import { OnboardingChecklist } from '../../components/onboarding-checklist';
import { showNotice } from '../../../../utils/notice';
import './index.scss';

/** 组织与成员 (org admin): the branches with their counts and managers, and a new branch. */
export default function PeoplePage() {
  const me = useMe();
  const orgId = me.data && isOrgAdmin(me.data) ? me.data.org.id : null;
  const branches = useBranches(orgId);
  const [name, setName] = useState('');
  const [saving, setSaving] = useState(false);
  useReloadOnShow(branches.reload);

  const add = async () => {
    if (!orgId || !name.trim()) return;
    setSaving(true);
    try {
      await createBranch(orgId, name.trim());
      setName('');
      void showNotice('已新建支部', { success: true });
      await branches.reload();
    } catch {
      // The request wrapper has shown why.
    } finally {
      setSaving(false);
    }
  };

  if (me.data && !isOrgAdmin(me.data)) {
    return (
      <View className="xf-page people">
        <EmptyState mark="!" title="仅限组织管理员" description="支部书记请从“管理 → 本支部成员”进入。" />
      </View>
    );
  }
  const live = branches.data?.branches.filter((b) => !b.archived) ?? [];
  const archived = branches.data?.branches.filter((b) => b.archived) ?? [];
  return (
    <View className="xf-page people">
      <PageState
        loading={me.loading || branches.loading}
        error={me.error ?? branches.error}
        ready={branches.data !== null}
        onRetry={() => void (me.error ? me.reload() : branches.reload())}
      >
        {branches.data && (
          <>
            <OnboardingChecklist
              orgId={branches.data.org.id}
              refreshKey={live.map((b) => `${b.id}.${b.memberCount}.${b.secretaries.length}`).join(',')}
            />
            <Section>
              <Text className="people__org">{branches.data.org.name}</Text>
              <Text className="people__summary">
                {live.length} 个支部，{live.reduce((n, b) => n + b.memberCount, 0)} 名党员，
                {live.reduce((n, b) => n + b.unboundCount, 0)} 人未绑定微信
              </Text>
              <XfButton
                className="people__all"
                block
                onClick={() => void Taro.navigateTo({ url: `${routes.manageMembers}?orgId=${branches.data!.org.id}` })}
              >
                查找党员（全部支部）
              </XfButton>
            </Section>
            <Section title="支部">
              {live.length === 0 ? (
                <EmptyState
                  mark="一"
                  title="还没有支部"
                  description="第一步：先新建支部（在下方输入名称），再在支部里添加党员、任命书记。"
                />
              ) : (
                live.map((branch) => (
                  <ListCell
                    key={branch.id}
                    className="people__branch"
                    title={branch.name}
                    description={[
                      branch.sandbox ? '微信审核体验用，没有真实党员；不计入开通向导' : '',
                      branch.secretaries.length
                        ? `书记：${branch.secretaries.map((s) => s.name).join('、')}`
                        : '尚未任命书记',
                      branch.managers.length ? `支部管理人员：${branch.managers.map((s) => s.name).join('、')}` : '',
                      branch.unboundCount ? `${branch.unboundCount} 人未绑定微信` : '',
                    ]
                      .filter(Boolean)
                      .join('；')}
                    extra={`${branch.memberCount} 人 ›`}
                    onClick={() => void Taro.navigateTo({ url: `${routes.manageBranch}?branchId=${branch.id}` })}
                  />
                ))
              )}
            </Section>
            <Section title="新建支部">
              <Input
                className="people__input"
                value={name}
                maxlength={40}
                placeholder="支部名称，如：第一党支部"
                aria-label="支部名称"
                onInput={(e) => setName(e.detail.value)}
              />
              <XfButton type="primary" size="large" block loading={saving} disabled={!name.trim()} onClick={add}>
                新建支部
              </XfButton>
            </Section>
            {archived.length > 0 && (
              <Section title="已撤销的支部">
                {archived.map((branch) => (
                  <ListCell key={branch.id} title={branch.name} description="已撤销，历史记录保留" />
                ))}
              </Section>
            )}
          </>
        )}
      </PageState>
    </View>
  );
}
