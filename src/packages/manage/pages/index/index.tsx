import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { Me } from '@contract';
import { ListCell } from '../../../../components/list-cell';
import { EmptyState } from '../../../../components/empty-state';
import { PageState } from '../../../../components/page-state';
import { Section } from '../../../../components/section';
import { XfButton } from '../../../../components/xf-button';
import { useBranches } from '../../../../hooks/useBranches';
import { useAsync } from '../../../../hooks/useAsync';
import { useMe } from '../../../../hooks/useMe';
import { useReloadOnShow } from '../../../../hooks/useReloadOnShow';
import { fetchOrgPendingWork, fetchPendingWork } from '../../../../services/dashboard';
import { routes } from '../../../../services/routes';
import { canManage, isOrgAdmin, secretaryBranchIds } from '../../../../utils/roles';
import { OnboardingChecklist } from '../../components/onboarding-checklist';
import { RosterView } from '../../components/roster-view';
import './index.scss';

/** The manager's menu (dashboard, activities, quizzes, reviews), then the roster or the branch list. */
export default function ManagePage() {
  const me = useMe();
  return (
    <View className="xf-page manage">
      <PageState loading={me.loading} error={me.error} ready={me.data !== null} onRetry={me.reload}>
        {me.data &&
          (canManage(me.data) ? (
            <>
              {isOrgAdmin(me.data) && <OnboardingChecklist orgId={me.data.org.id} />}
              <ManageMenu me={me.data} />
              <ManageContent me={me.data} />
            </>
          ) : (
            <EmptyState mark="!" title="没有管理权限" description="管理功能仅供支部书记和机关党委使用。" />
          ))}
      </PageState>
    </View>
  );
}

const go = (url: string) => () => void Taro.navigateTo({ url });

/** A count of what waits for a decision beside its entry, then the arrow; nothing when none wait. */
function Waiting({ count, what }: { count: number | undefined; what: string }) {
  return (
    <View className="manage__extra">
      {count !== undefined && count > 0 && (
        <Text className="manage__badge" aria-label={`${count} 条${what}待处理`}>
          {count > 99 ? '99+' : count}
        </Text>
      )}
      <Text>›</Text>
    </View>
  );
}

/** One read of the pending counts for the badges: the org's for its admin, the branch's for a secretary. */
function usePendingCounts(me: Me) {
  const branchId = secretaryBranchIds(me)[0] ?? null;
  const admin = isOrgAdmin(me);
  return useAsync(
    () =>
      admin ? fetchOrgPendingWork(me.org.id, { silent: true }) : fetchPendingWork(branchId as number, { silent: true }),
    { enabled: admin || branchId !== null, key: admin ? `o${me.org.id}` : `b${branchId}` },
  );
}

/** One entry per domain; a secretary's entries act on the own branch, the org admin's on the organisation. */
function ManageMenu({ me }: { me: Me }) {
  const admin = isOrgAdmin(me);
  const branchIds = secretaryBranchIds(me);
  const pending = usePendingCounts(me);
  useReloadOnShow(pending.reload);
  const waiting = pending.data;
  return (
    <>
      <Section title="组织与成员">
        {admin ? (
          <ListCell
            title="组织与成员"
            description="支部、党员名册、书记和管理人员的任命"
            extra="›"
            onClick={go(routes.managePeople)}
          />
        ) : (
          branchIds.map((branchId) => (
            <ListCell
              key={branchId}
              title="本支部成员"
              description="添加和修改党员，查找与筛选"
              extra="›"
              onClick={go(`${routes.manageBranch}?branchId=${branchId}`)}
            />
          ))
        )}
      </Section>
      <Section title="数据看板">
        <ListCell
          title="数据看板与台账"
          description="出席率、答题、志愿服务、积分，导出台账"
          extra="›"
          onClick={go(routes.dashboard)}
        />
      </Section>
      <Section title="名册与邀请">
        {admin && (
          <ListCell
            title="导入名册"
            description="从 Excel 或 CSV 导入全单位党员，先预览再确认"
            extra="›"
            onClick={go(`${routes.manageRosterImport}?orgId=${me.org.id}`)}
          />
        )}
        {branchIds.map((branchId) => {
          const name = me.branch?.id === branchId ? me.branch.name : '';
          const query = `branchId=${branchId}&name=${encodeURIComponent(name)}`;
          return (
            <View key={branchId}>
              {!admin && (
                <ListCell
                  title="导入本支部名册"
                  description="从 Excel 或 CSV 导入，先预览再确认"
                  extra="›"
                  onClick={go(`${routes.manageRosterImport}?${query}`)}
                />
              )}
              <ListCell
                title="邀请码与未绑定"
                description="谁还没绑定微信，打印邀请单，重新生成邀请码"
                extra="›"
                onClick={go(`${routes.manageInviteSheet}?${query}`)}
              />
            </View>
          );
        })}
        {admin && branchIds.length === 0 && (
          <Text className="manage__hint">打印某个支部的邀请码：在下方点选支部。</Text>
        )}
      </Section>
      <Section title="组织生活">
        {admin ? (
          <ListCell
            title="活动与签到"
            description="全单位的活动，含面向全体党员的活动"
            extra={<Waiting count={waiting?.leave.count} what="请假" />}
            onClick={go(`${routes.activityManage}?orgId=${me.org.id}`)}
          />
        ) : (
          branchIds.map((branchId) => (
            <ListCell
              key={branchId}
              title="活动与签到"
              description="安排主题党日和“三会一课”，签到大屏，名册与请假"
              extra={<Waiting count={waiting?.leave.count} what="请假" />}
              onClick={go(`${routes.activityManage}?branchId=${branchId}`)}
            />
          ))
        )}
      </Section>
      <Section title="线上答题">
        <ListCell
          title="答题与统计"
          description="发布答题，查看参与率、合格率和薄弱知识点"
          extra="›"
          onClick={go(routes.manageQuizzes)}
        />
        <ListCell title="题库" description="浏览、编辑、导入和导出题目" extra="›" onClick={go(routes.manageBank)} />
      </Section>
      <Section title="审核与积分">
        <ListCell
          title="志愿服务审核"
          extra={<Waiting count={waiting?.volunteer.count} what="志愿服务记录" />}
          onClick={go(routes.volunteerReview)}
        />
        <ListCell
          title="积分异议处理"
          extra={<Waiting count={waiting?.objections.count} what="异议" />}
          onClick={go(routes.objectionsReview)}
        />
        <ListCell title="加分与扣分" extra="›" onClick={go(routes.pointsAward)} />
        {admin && <ListCell title="年度结算与排名设置" extra="›" onClick={go(routes.pointsYears)} />}
        {admin && (
          <ListCell
            title="积分规则"
            description="基础分、分值与封顶、星级门槛，预览后发布"
            extra="›"
            onClick={go(routes.pointsRulesEdit)}
          />
        )}
      </Section>
      <Section title="操作记录">
        {admin ? (
          <ListCell
            title="全单位操作记录"
            description="谁在何时对谁做了什么、理由是什么"
            extra="›"
            onClick={go(`${routes.manageAudit}?orgId=${me.org.id}`)}
          />
        ) : (
          branchIds.map((branchId) => (
            <ListCell
              key={branchId}
              title="本支部操作记录"
              description="加减分、出勤登记、审核的留痕"
              extra="›"
              onClick={go(`${routes.manageAudit}?branchId=${branchId}`)}
            />
          ))
        )}
      </Section>
    </>
  );
}

/** The org admin picks a branch; a secretary sees the own branch's roster. */
function ManageContent({ me }: { me: Me }) {
  if (isOrgAdmin(me)) return <BranchList orgId={me.org.id} />;
  const branchIds = secretaryBranchIds(me);
  if (branchIds.length === 1) return <RosterView branchId={branchIds[0] as number} />;
  return (
    <Section title="我负责的支部">
      {branchIds.map((branchId) => (
        <RosterView key={branchId} branchId={branchId} />
      ))}
    </Section>
  );
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
          {branches.data.branches.length === 0 && (
            <EmptyState
              mark="一"
              title="还没有支部"
              description="第一步：在“组织与成员”中新建支部，再导入名册、任命书记。"
            >
              <XfButton type="primary" size="large" block onClick={go(routes.managePeople)}>
                去新建支部
              </XfButton>
            </EmptyState>
          )}
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
