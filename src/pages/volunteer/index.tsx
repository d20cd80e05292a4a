import { View } from '@tarojs/components';
import { EmptyState } from '../../components/empty-state';
import { NotAMemberNote } from '../../components/not-a-member-note';
import { PageState } from '../../components/page-state';
import { Section } from '../../components/section';
import { SourcePoints } from '../../components/source-points';
import { useMyPoints } from '../../hooks/useMyPoints';
import { useReloadOnShow } from '../../hooks/useReloadOnShow';
import './index.scss';

export default function VolunteerPage() {
  const points = useMyPoints();
  useReloadOnShow(points.reload);
  const volunteerEntries = points.data?.recent.filter((entry) => entry.sourceType === 'volunteer_record') ?? [];

  return (
    <View className="xf-page volunteer">
      <Section>
        <EmptyState
          mark="志"
          title="志愿服务登记即将上线"
          description="上线后可以在这里登记参加的志愿服务，照片可传可不传。支部书记审核通过后，服务时长会计入积分。"
        />
      </Section>
      {points.error?.status === 403 ? (
        <NotAMemberNote />
      ) : (
        <PageState loading={points.loading} error={points.error} ready={points.data !== null} onRetry={points.reload}>
          <SourcePoints title="近期志愿服务积分" entries={volunteerEntries} emptyText="近期还没有志愿服务积分" />
        </PageState>
      )}
    </View>
  );
}
