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
        {me.data && canManage(me.data) && <StudyEntry />}
        {me.data && <ReviewLinks me={me.data} />}
        {me.data && <ManageContent me={me.data} />}
      </PageState>
    </View>
  );
}

/** 线上答题: the quizzes with their statistics, and the question bank. */
function StudyEntry() {
  return (
    <Section title="线上答题">
      <ListCell
        title="答题与统计"
        description="发布答题，查看参与率、合格率和薄弱知识点"
        extra="›"
        onClick={() => void Taro.navigateTo({ url: routes.manageQuizzes })}
      />
      <ListCell
        title="题库"
        description="浏览、编辑、导入和导出题目"
        extra="›"
        onClick={() => void Taro.navigateTo({ url: routes.manageBank })}
      />
    </Section>
  );
}

/** The secretary's and org admin's review work: volunteer records, objections, manual points, the year. */
function ReviewLinks({ me }: { me: Me }) {
  if (!canManage(me)) return null;
  return (
    <View className="manage__links">
      <ListCell title="志愿服务审核" extra="进入 ›" onClick={() => Taro.navigateTo({ url: routes.volunteerReview })} />
      <ListCell title="积分异议处理" extra="进入 ›" onClick={() => Taro.navigateTo({ url: routes.objectionsReview })} />
      <ListCell title="加分与扣分" extra="进入 ›" onClick={() => Taro.navigateTo({ url: routes.pointsAward })} />
      {isOrgAdmin(me) && (
        <ListCell
          title="年度结算与排名设置"
          extra="进入 ›"
          onClick={() => Taro.navigateTo({ url: routes.pointsYears })}
        />
      )}
    </View>
  );
}

function ManageContent({ me }: { me: Me }) {
  if (isOrgAdmin(me)) {
    return (
      <>
        <ActivitiesEntry query={`orgId=${me.org.id}`} description="全单位的活动，含面向全体党员的活动" />
        <BranchList orgId={me.org.id} />
      </>
    );
  }
  const branchIds = secretaryBranchIds(me);
  if (branchIds.length === 0) {
    return <EmptyState mark="!" title="没有管理权限" description="管理功能仅供支部书记和机关党委使用。" />;
  }
  return (
    <>
      {branchIds.map((branchId) => (
        <ActivitiesEntry
          key={`activities-${branchId}`}
          query={`branchId=${branchId}`}
          description="安排主题党日和“三会一课”，签到大屏，名册与请假"
        />
      ))}
      {branchIds.length === 1 ? (
        <RosterView branchId={branchIds[0] as number} />
      ) : (
        <Section title="我负责的支部">
          {branchIds.map((branchId) => (
            <RosterView key={branchId} branchId={branchId} />
          ))}
        </Section>
      )}
    </>
  );
}

/** The way into 活动与签到 for the own branch (a secretary) or the whole organisation (the admin). */
function ActivitiesEntry({ query, description }: { query: string; description: string }) {
  return (
    <View className="manage__entry">
      <ListCell
        title="活动与签到"
        description={description}
        extra="进入 ›"
        onClick={() => Taro.navigateTo({ url: `${routes.activityManage}?${query}` })}
      />
    </View>
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
