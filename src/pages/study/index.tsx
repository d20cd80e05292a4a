import { View } from '@tarojs/components';
import type { LedgerEntry } from '@contract';
import { EmptyState } from '../../components/empty-state';
import { NotAMemberNote } from '../../components/not-a-member-note';
import { PageState } from '../../components/page-state';
import { Section } from '../../components/section';
import { SourcePoints } from '../../components/source-points';
import { useMyPoints } from '../../hooks/useMyPoints';
import { useReloadOnShow } from '../../hooks/useReloadOnShow';
import './index.scss';

const studySources: ReadonlyArray<LedgerEntry['sourceType']> = ['quiz_attempt', 'daily_practice'];

export default function StudyPage() {
  const points = useMyPoints();
  useReloadOnShow(points.reload);
  const studyEntries = points.data?.recent.filter((entry) => studySources.includes(entry.sourceType)) ?? [];

  return (
    <View className="xf-page study">
      <Section>
        <EmptyState
          mark="学"
          title="线上答题、每日一练即将上线"
          description="上线后可以在这里参加支部组织的线上答题，并每天做几道练习题。考试合格、完成每日一练都会计入积分。"
        />
      </Section>
      {points.error?.status === 403 ? (
        <NotAMemberNote />
      ) : (
        <PageState loading={points.loading} error={points.error} ready={points.data !== null} onRetry={points.reload}>
          <SourcePoints title="近期答题积分" entries={studyEntries} emptyText="近期还没有答题积分" />
        </PageState>
      )}
    </View>
  );
}
