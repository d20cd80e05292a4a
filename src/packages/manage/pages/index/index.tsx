import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { Me } from '@contract';
import { ListCell } from '../../../../components/list-cell';
import { EmptyState } from '../../../../components/empty-state';
import { PageState } from '../../../../components/page-state';
import { Section } from '../../../../components/section';
import { useBranches } from '../../../../hooks/useBranches';
import { useMe } from '../../../../hooks/useMe';
import { routes } from '../../../../services/routes';
import { canManage, isOrgAdmin, secretaryBranchIds } from '../../../../utils/roles';
import { RosterView } from '../../components/roster-view';
import './index.scss';

/** An org admin picks a branch; a secretary lands on the own branch's roster. */
export default function ManagePage() {
  const me = useMe();
  return (
    <View className="xf-page manage">
      <PageState loading={me.loading} error={me.error} ready={me.data !== null} onRetry={me.reload}>
        {me.data && (
          <>
            {canManage(me.data) && <DashboardEntry />}
            <ManageContent me={me.data} />
          </>
        )}
      </PageState>
    </View>
  );
}

/** The way into the dashboard and the ledger export. */
function DashboardEntry() {
  return (
    <View className="manage__dashboard">
      <ListCell
        title="数据看板与台账"
        description="出席率、答题、志愿服务、积分，导出台账"
        extra="›"
        onClick={() => Taro.navigateTo({ url: routes.dashboard })}
      />
    </View>
  );
}

function ManageContent({ me }: { me: Me }) {
  if (isOrgAdmin(me)) return <BranchList orgId={me.org.id} />;
  const branchIds = secretaryBranchIds(me);
  if (branchIds.length === 1) return <RosterView branchId={branchIds[0] as number} />;
  if (branchIds.length > 1) {
    return (
      <Section title="我负责的支部">
        {branchIds.map((branchId) => (
          <RosterView key={branchId} branchId={branchId} />
        ))}
      </Section>
    );
  }
  return <EmptyState mark="!" title="没有管理权限" description="管理功能仅供支部书记和机关党委使用。" />;
}

function BranchList({ orgId }: { orgId: number }) {
  const branches = useBranches(orgId);
  return (
    <PageState
      loading={branches.loading}
      error={branches.error}
      ready={branches.data !== null}
      onRetry={branches.reload}
    >
      {branches.data && (
        <>
          <Section>
            <Text className="manage__org">{branches.data.org.name}</Text>
            <Text className="manage__summary">
              共 {branches.data.branches.length} 个支部，
              {branches.data.branches.reduce((sum, branch) => sum + branch.memberCount, 0)} 名党员
            </Text>
          </Section>
          <View className="manage__branches">
            {branches.data.branches.map((branch) => (
              <ListCell
                key={branch.id}
                title={branch.name}
                description={
                  branch.secretaries.length > 0
                    ? `书记：${branch.secretaries.map((secretary) => secretary.name).join('、')}`
                    : '尚未设置书记'
                }
                extra={`${branch.memberCount} 人 ›`}
                onClick={() =>
                  Taro.navigateTo({
                    url: `${routes.manageRoster}?branchId=${branch.id}&name=${encodeURIComponent(branch.name)}`,
                  })
                }
              />
            ))}
          </View>
        </>
      )}
    </PageState>
  );
}
