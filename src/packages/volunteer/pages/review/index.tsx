import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { Me, VolunteerRecord, VolunteerStatus } from '@contract';
import { ChoiceChips } from '../../../../components/choice-chips';
import { EmptyState } from '../../../../components/empty-state';
import { PageState } from '../../../../components/page-state';
import { ReasonForm } from '../../../../components/reason-form';
import { Section } from '../../../../components/section';
import { SelfCaseNote } from '../../../../components/self-case-note';
import { XfButton } from '../../../../components/xf-button';
import { useManagedBranches } from '../../../../hooks/useManagedBranches';
import { useMe } from '../../../../hooks/useMe';
import { useBranchVolunteer } from '../../../../hooks/useVolunteer';
import { approveVolunteerRecord, rejectVolunteerRecord, reverseVolunteerRecord } from '../../../../services/volunteer';
import { formatDate } from '../../../../utils/format';
import { isOwnCase } from '../../../../utils/self-case';
import { formatHours } from '../../../../utils/volunteer';
import { RecordPhotos } from '../../components/record-photos';
import { showNotice } from '../../../../utils/notice';
import './index.scss';

const TABS: Array<{ value: VolunteerStatus; label: string }> = [
  { value: 'pending', label: '待审核' },
  { value: 'approved', label: '已通过' },
  { value: 'rejected', label: '已退回' },
];

export default function VolunteerReviewPage() {
  const me = useMe();
  const managed = useManagedBranches(me.data);
  const [status, setStatus] = useState<VolunteerStatus>('pending');
  const records = useBranchVolunteer(managed.selected, status);

  return (
    <View className="xf-page volunteer-review">
      <PageState loading={me.loading} error={me.error} ready={me.data !== null} onRetry={me.reload}>
        {managed.branches.length > 1 && (
          <ChoiceChips
            label="支部"
            options={managed.branches.map((b) => ({ value: b.id, label: b.name }))}
            value={managed.selected}
            onChange={managed.select}
          />
        )}
        <ChoiceChips label="状态" options={TABS} value={status} onChange={setStatus} />
        {managed.selected === null && !managed.loading ? (
          <EmptyState mark="!" title="没有可审核的支部" description="审核功能仅供支部书记和机关党委使用。" />
        ) : (
          <PageState
            loading={records.loading}
            error={records.error}
            ready={records.data !== null}
            onRetry={records.reload}
          >
            {records.data && records.data.items.length === 0 && (
              <EmptyState mark="✓" title={status === 'pending' ? '没有待审核的记录' : '暂无记录'} />
            )}
            {records.data?.items.map((record) => (
              <ReviewCard key={record.id} record={record} me={me.data} onChanged={records.reload} />
            ))}
          </PageState>
        )}
      </PageState>
    </View>
  );
}

function ReviewCard({
  record,
  me,
  onChanged,
}: {
  record: VolunteerRecord;
  me: Me | null;
  onChanged: () => Promise<void>;
}) {
  const [asking, setAsking] = useState<'reject' | 'reverse' | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (action: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await action();
      void showNotice(done, { success: true, duration: 1500 });
      setAsking(null);
      await onChanged();
    } catch {
      // request() already showed the API's message
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section title={record.member.name} className="volunteer-review__card">
      <Text className="volunteer-review__headline">
        {formatDate(record.servedOn)} · {record.category} · {formatHours(record.hours)}
      </Text>
      <Text className="volunteer-review__text">地点：{record.place}</Text>
      <Text className="volunteer-review__text">内容：{record.description}</Text>
      {record.submissions > 1 && <Text className="volunteer-review__text">第 {record.submissions} 次提交</Text>}
      {record.rejectReason && <Text className="volunteer-review__text">退回原因：{record.rejectReason}</Text>}
      {record.points !== null && <Text className="volunteer-review__text">已计积分：{record.points} 分</Text>}
      <RecordPhotos photos={record.photos} />
      {isOwnCase(me, record.member.id) ? (
        record.status !== 'rejected' && <SelfCaseNote action="volunteer" me={me!} />
      ) : asking ? (
        <ReasonForm
          confirmText={asking === 'reject' ? '确认退回' : '确认撤销'}
          placeholder={asking === 'reject' ? '请填写退回原因，党员可修改后重新提交' : '请填写撤销原因，积分将一并冲正'}
          busy={busy}
          onCancel={() => setAsking(null)}
          onConfirm={(reason) =>
            void run(
              () =>
                asking === 'reject'
                  ? rejectVolunteerRecord(record.id, reason)
                  : reverseVolunteerRecord(record.id, reason),
              asking === 'reject' ? '已退回' : '已撤销',
            )
          }
        />
      ) : (
        <View className="volunteer-review__actions">
          {record.status === 'pending' && (
            <>
              <XfButton onClick={() => setAsking('reject')}>退回</XfButton>
              <XfButton
                type="primary"
                loading={busy}
                onClick={() => void run(() => approveVolunteerRecord(record.id), '已通过')}
              >
                通过
              </XfButton>
            </>
          )}
          {record.status === 'approved' && (
            <XfButton type="primary" fill="outline" onClick={() => setAsking('reverse')}>
              撤销并冲正积分
            </XfButton>
          )}
        </View>
      )}
    </Section>
  );
}
