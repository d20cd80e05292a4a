import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import type { MemberRecord } from '@contract';
import { EmptyState } from '../../../../components/empty-state';
import { ListCell } from '../../../../components/list-cell';
import { PageState } from '../../../../components/page-state';
import { Section } from '../../../../components/section';
import { XfButton } from '../../../../components/xf-button';
import { useBranches } from '../../../../hooks/useBranches';
import { useMe } from '../../../../hooks/useMe';
import { useMemberDirectory } from '../../../../hooks/useMemberDirectory';
import { useReloadOnShow } from '../../../../hooks/useReloadOnShow';
import { archiveBranch, renameBranch } from '../../../../services/people';
import { routes } from '../../../../services/routes';
import { employmentLabel, wechatBoundLabel } from '../../../../utils/labels';
import { isOrgAdmin } from '../../../../utils/roles';
import { showNotice } from '../../../../utils/notice';
import './index.scss';

const ACTIVE = { status: 'active' as const };

/** Who manages the branch, from the members' grants. */
function holders(members: MemberRecord[], branchId: number, role: 'secretary' | 'branch_manager') {
  return members.filter((m) => m.grants.some((g) => g.role === role && g.branchId === branchId)).map((m) => m.name);
}

/**
 * One branch (本支部成员 for its secretary; from 组织与成员 for the org admin): who manages it,
 * its members, 添加党员; the org admin also renames or archives it.
 */
export default function BranchPage() {
  const { params } = useRouter();
  const branchId = Number(params.branchId) > 0 ? Number(params.branchId) : null;
  const me = useMe();
  const admin = me.data !== null && isOrgAdmin(me.data);
  const directory = useMemberDirectory(branchId ? { branchId } : null, ACTIVE);
  const branches = useBranches(admin ? me.data!.org.id : null);
  const branch = branches.data?.branches.find((b) => b.id === branchId) ?? null;
  const name = branch?.name ?? directory.data?.branches[0]?.name ?? '';
  const [newName, setNewName] = useState<string | null>(null);
  useReloadOnShow(async () => {
    await Promise.all([directory.reload(), admin ? branches.reload() : Promise.resolve()]);
  });
  useEffect(() => {
    if (name) void Taro.setNavigationBarTitle({ title: name }).catch(() => undefined);
  }, [name]);

  if (!branchId) {
    return (
      <View className="xf-page branch">
        <EmptyState mark="!" title="没有找到这个支部" description="请返回重新选择。" />
      </View>
    );
  }
  const members = directory.data?.items ?? [];
  const secretaries = holders(members, branchId, 'secretary');
  const managers = holders(members, branchId, 'branch_manager');

  const rename = async () => {
    if (!newName?.trim()) return;
    try {
      await renameBranch(branchId, newName.trim());
      setNewName(null);
      await branches.reload();
    } catch {
      // The request wrapper has shown why.
    }
  };
  const archive = async () => {
    const { confirm } = await Taro.showModal({
      title: '撤销支部',
      content: `撤销“${name}”后，不能再往这个支部添加党员；已有的活动和积分记录都会保留。确定撤销吗？`,
      confirmText: '撤销',
      cancelText: '不撤销',
    });
    if (!confirm) return;
    try {
      await archiveBranch(branchId);
      void showNotice('已撤销', { success: true });
      void Taro.navigateBack();
    } catch {
      // The request wrapper has shown why (e.g. the branch still has members).
    }
  };

  return (
    <View className="xf-page branch">
      <PageState
        loading={directory.loading}
        error={directory.error}
        ready={directory.data !== null}
        onRetry={directory.reload}
      >
        <Section title="支部管理人员">
          <Text className="branch__line">书记：{secretaries.length ? secretaries.join('、') : '尚未任命'}</Text>
          <Text className="branch__line">
            其他管理人员（组织委员等）：{managers.length ? managers.join('、') : '无'}
          </Text>
          {admin && (
            <Text className="branch__hint">
              {members.length === 0
                ? '先添加党员，再从党员中任命书记。'
                : '任命书记或其他管理人员：点下方名单中的党员，在其页面中任命。'}
            </Text>
          )}
        </Section>
        <Section
          title={`在册党员 ${members.length} 人`}
          extra={
            <Text
              className="branch__link"
              onClick={() => void Taro.navigateTo({ url: `${routes.manageMembers}?branchId=${branchId}` })}
            >
              查找与筛选 ›
            </Text>
          }
        >
          {members.length === 0 ? (
            <EmptyState
              mark="人"
              title="这个支部还没有党员"
              description="第二步：点“添加党员”逐一录入；人多时可用花名册导入。"
            />
          ) : (
            members.map((m) => (
              <ListCell
                key={m.id}
                className="branch__member"
                title={m.name}
                description={[
                  m.grants.some((g) => g.role === 'secretary' && g.branchId === branchId) ? '书记' : '',
                  employmentLabel[m.employment],
                  wechatBoundLabel(m),
                ]
                  .filter(Boolean)
                  .join(' · ')}
                extra="›"
                onClick={() => void Taro.navigateTo({ url: `${routes.manageMember}?memberId=${m.id}` })}
              />
            ))
          )}
          <XfButton
            className="branch__add"
            type="primary"
            size="large"
            block
            onClick={() => void Taro.navigateTo({ url: `${routes.manageMember}?branchId=${branchId}` })}
          >
            添加党员
          </XfButton>
        </Section>
        {admin && branch && (
          <Section title="支部设置">
            {newName === null ? (
              <XfButton block onClick={() => setNewName(name)}>
                修改支部名称
              </XfButton>
            ) : (
              <>
                <Input
                  className="branch__input"
                  value={newName}
                  maxlength={40}
                  aria-label="新的支部名称"
                  onInput={(e) => setNewName(e.detail.value)}
                />
                <View className="branch__row">
                  <XfButton type="primary" disabled={!newName.trim()} onClick={rename}>
                    保存名称
                  </XfButton>
                  <XfButton onClick={() => setNewName(null)}>取消</XfButton>
                </View>
              </>
            )}
            <XfButton className="branch__archive" block disabled={members.length > 0} onClick={archive}>
              撤销支部
            </XfButton>
            {members.length > 0 && (
              <Text className="branch__hint">支部里还有党员，不能撤销：请先把他们转到其他支部或办理停用。</Text>
            )}
          </Section>
        )}
      </PageState>
    </View>
  );
}
