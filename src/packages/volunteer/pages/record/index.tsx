import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { VolunteerRecord } from '@contract';
import { PageState } from '../../../../components/page-state';
import { Section } from '../../../../components/section';
import { Tag } from '../../../../components/tag';
import { SubscribeButton } from '../../../../components/subscribe-button';
import { XfButton } from '../../../../components/xf-button';
import { useReloadOnShow } from '../../../../hooks/useReloadOnShow';
import { pendingFor, useSubscriptions } from '../../../../hooks/useSubscriptions';
import { useVolunteerRecord } from '../../../../hooks/useVolunteer';
import { routes } from '../../../../services/routes';
import { subscribeVolunteerResult } from '../../../../services/subscriptions';
import { formatDate, formatDateTime } from '../../../../utils/format';
import { formatHours, volunteerStatusLabel, volunteerStatusTone } from '../../../../utils/volunteer';
import { RecordPhotos } from '../../components/record-photos';
import './index.scss';
import { useTextScale } from '../../../../hooks/useTextScale';

export default function VolunteerRecordPage() {
  const text = useTextScale();
  const { params } = useRouter();
  const record = useVolunteerRecord(params.id ? Number(params.id) : null);
  useReloadOnShow(record.reload);
  return (
    <View style={text.style} className="xf-page volunteer-record">
      <PageState loading={record.loading} error={record.error} ready={record.data !== null} onRetry={record.reload}>
        {record.data && <RecordView record={record.data} />}
      </PageState>
    </View>
  );
}

function RecordView({ record }: { record: VolunteerRecord }) {
  const editable = record.status === 'pending' || record.status === 'rejected';
  return (
    <>
      <Section
        title={`${record.category} ${formatHours(record.hours)}`}
        extra={<Tag tone={volunteerStatusTone[record.status]}>{volunteerStatusLabel[record.status]}</Tag>}
      >
        <Line label="服务日期" value={formatDate(record.servedOn)} />
        <Line label="服务地点" value={record.place} />
        <Line label="服务内容" value={record.description} />
        {record.source === 'activity' && <Line label="来源" value="志愿服务活动签到签退" />}
        <RecordPhotos photos={record.photos} />
      </Section>
      <Section title="审核">
        {record.status === 'pending' && <Text className="volunteer-record__text">等待支部书记审核</Text>}
        {record.status === 'pending' && <ResultReminder recordId={record.id} />}
        {record.reviewer && record.decidedAt && (
          <Line label="审核人" value={`${record.reviewer.name}（${formatDateTime(record.decidedAt)}）`} />
        )}
        {record.points !== null && <Line label="获得积分" value={`${record.points} 分`} />}
        {record.pointsNote && <Line label="积分说明" value={record.pointsNote} />}
        {record.rejectReason && <Line label="退回原因" value={record.rejectReason} />}
        {record.reversalReason && <Line label="撤销原因" value={record.reversalReason} />}
      </Section>
      {editable && (
        <XfButton
          type="primary"
          size="large"
          block
          onClick={() => Taro.navigateTo({ url: `${routes.volunteerLog}?id=${record.id}` })}
        >
          {record.status === 'rejected' ? '修改后重新提交' : '修改'}
        </XfButton>
      )}
    </>
  );
}

/** 审核结果通知我: offered right after logging hours (and while the record waits), in the mini-program. */
function ResultReminder({ recordId }: { recordId: number }) {
  const subscriptions = useSubscriptions();
  return (
    <SubscribeButton
      templateId={subscriptions.data?.templates.reviewResult ?? null}
      label="审核结果通知我"
      hint="书记审核后，通过微信“服务通知”告诉您结果，只发一次。"
      subscribed={pendingFor(subscriptions.data, 'review_result', { type: 'volunteer', id: recordId }) !== undefined}
      onAccepted={() => subscribeVolunteerResult(recordId)}
    />
  );
}

function Line({ label, value }: { label: string; value: string }) {
  return (
    <View className="volunteer-record__line">
      <Text className="volunteer-record__label">{label}</Text>
      <Text className="volunteer-record__value">{value}</Text>
    </View>
  );
}
