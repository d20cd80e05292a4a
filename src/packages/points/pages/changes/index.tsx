import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { AuditEntryItem } from '../../../../components/audit-entry';
import { NotAMemberNote } from '../../../../components/not-a-member-note';
import { PageState } from '../../../../components/page-state';
import { Section } from '../../../../components/section';
import { XfButton } from '../../../../components/xf-button';
import { useAuditLog } from '../../../../hooks/useAuditLog';
import { useReloadOnShow } from '../../../../hooks/useReloadOnShow';
import './index.scss';
import { useTextScale } from '../../../../hooks/useTextScale';

/** Every change a manager made to the member's own points or attendance, with who and why. */
export default function MyChangesPage() {
  const text = useTextScale();
  const log = useAuditLog('me');
  useReloadOnShow(log.reload);
  usePullDownRefresh(() => {
    void log.reload().finally(() => Taro.stopPullDownRefresh());
  });

  if (log.error?.status === 403) return <NotAMemberNote />;
  return (
    <View style={text.style} className="xf-page my-changes">
      <Section>
        <Text className="my-changes__intro">
          支部书记或管理员为您加减分、登记出勤、审批请假和志愿服务，每一次都记录在这里，写明理由和操作人。
        </Text>
      </Section>
      <Section title={log.data ? `共 ${log.data.total} 条` : undefined}>
        <PageState loading={log.loading} error={log.error} ready={log.data !== null} onRetry={log.reload}>
          {log.items.length === 0 ? (
            <Text className="my-changes__intro">还没有人改动过您的积分或出勤</Text>
          ) : (
            log.items.map((entry) => <AuditEntryItem key={entry.id} entry={entry} showMember={false} />)
          )}
          {log.hasMore && (
            <XfButton block loading={log.loadingMore} onClick={() => void log.loadMore()}>
              加载更多
            </XfButton>
          )}
        </PageState>
      </Section>
    </View>
  );
}
