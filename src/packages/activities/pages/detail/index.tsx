import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Input, Text, Textarea, View } from '@tarojs/components';
import type { ActivityDetail, CheckInResult } from '@contract';
import { EmptyState } from '../../../../components/empty-state';
import { PageState } from '../../../../components/page-state';
import { Section } from '../../../../components/section';
import { Tag } from '../../../../components/tag';
import { WriteStatus } from '../../../../components/write-status';
import { XfButton } from '../../../../components/xf-button';
import { useActivity } from '../../../../hooks/useActivity';
import { useReloadOnShow } from '../../../../hooks/useReloadOnShow';
import { useWriteOnce } from '../../../../hooks/useWriteOnce';
import { askForLeave, checkIn } from '../../../../services/activities';
import { errorMessage } from '../../../../services/api-error';
import { routes } from '../../../../services/routes';
import { formatChina, isUpcoming } from '../../../../utils/china-time';
import {
  activityTypeLabel,
  formatActivityTime,
  leaveStatusLabel,
  methodLabel,
  myStatusLabel,
  myStatusTone,
  parseCheckInPayload,
} from '../../../../utils/activity-labels';
import './index.scss';

/** An activity for a member: what, when, where, my status; check in or ask for leave. */
export default function ActivityDetailPage() {
  const { params } = useRouter();
  const id = Number(params.id);
  const valid = Number.isInteger(id) && id > 0;
  const activity = useActivity(valid ? id : null);
  useReloadOnShow(activity.reload);

  if (!valid) return <EmptyState mark="!" title="没有找到这个活动" description="请返回活动列表重新选择。" />;
  return (
    <View className="xf-page activity-detail">
      <PageState
        loading={activity.loading}
        error={activity.error}
        ready={activity.data !== null}
        onRetry={activity.reload}
      >
        {activity.data && <DetailContent activity={activity.data} onChanged={activity.reload} />}
      </PageState>
    </View>
  );
}

function DetailContent({ activity, onChanged }: { activity: ActivityDetail; onChanged: () => Promise<void> }) {
  // Kept here, not in the form: the reload after a check-in removes the form.
  const [checkedIn, setCheckedIn] = useState<CheckInResult | null>(null);
  const cancelled = activity.status === 'cancelled';
  const status = activity.myStatus;
  const canCheckIn = !cancelled && activity.status === 'scheduled' && status === 'pending';
  const canAskLeave = canCheckIn && isUpcoming(activity.startsAt) && activity.myLeave !== 'approved';
  return (
    <>
      <Section>
        <View className="activity-detail__tags">
          <Tag tone="red">{activityTypeLabel[activity.type]}</Tag>
          {cancelled && <Tag tone="neutral">已取消</Tag>}
          {!cancelled && status && (
            <Tag tone={myStatusTone[status]} solid={status === 'present'}>
              {myStatusLabel[status]}
            </Tag>
          )}
          {activity.branch === null && <Tag tone="neutral">全体党员</Tag>}
        </View>
        <Text className="activity-detail__title">{activity.title}</Text>
        <Line label="时间" value={formatActivityTime(activity.startsAt, activity.endsAt)} />
        <Line label="地点" value={activity.place} />
        <Line
          label="签到"
          value={`${formatChina(activity.checkinOpensAt, 'HH:mm')} 起，${formatChina(activity.lateAfter, 'HH:mm')} 后记为迟到`}
        />
        {activity.points && (
          <Line label="积分" value={`参加可得 ${activity.points.amount} 分（${activity.points.label}）`} />
        )}
        {activity.topic && <Text className="activity-detail__topic">{activity.topic}</Text>}
        {cancelled && activity.cancelReason && (
          <Text className="activity-detail__notice">活动已取消：{activity.cancelReason}</Text>
        )}
      </Section>

      {checkedIn ? (
        <Section title="签到成功">
          <Text className="activity-detail__done">
            {myStatusLabel[checkedIn.attendance.status]}
            {checkedIn.pointsAwarded > 0 ? `，积分 +${checkedIn.pointsAwarded}` : ''}
          </Text>
        </Section>
      ) : (
        activity.myAttendance && (
          <Section title="我的签到">
            <Text className="activity-detail__done">
              {myStatusLabel[activity.myAttendance.status]}
              {activity.myAttendance.checkedInAt ? ` · ${formatChina(activity.myAttendance.checkedInAt, 'HH:mm')}` : ''}
              {activity.myAttendance.method ? ` · ${methodLabel[activity.myAttendance.method]}` : ''}
            </Text>
          </Section>
        )
      )}

      {canCheckIn && !checkedIn && (
        <CheckInForm
          activity={activity}
          onDone={async (result) => {
            setCheckedIn(result);
            await onChanged();
          }}
        />
      )}

      {activity.myLeaveRequest && (
        <Section title="请假">
          <Text className="activity-detail__line-text">
            {leaveStatusLabel[activity.myLeaveRequest.status]}：{activity.myLeaveRequest.reason}
          </Text>
          {activity.myLeaveRequest.decisionNote && (
            <Text className="activity-detail__line-text">书记意见：{activity.myLeaveRequest.decisionNote}</Text>
          )}
        </Section>
      )}
      {canAskLeave && activity.myLeave !== 'pending' && <LeaveForm activityId={activity.id} onDone={onChanged} />}

      {activity.canManage && (
        <Section title="书记操作">
          <XfButton
            type="primary"
            block
            className="activity-detail__action"
            onClick={() => Taro.navigateTo({ url: `${routes.activityDisplay}?id=${activity.id}` })}
          >
            打开签到大屏
          </XfButton>
          <XfButton
            block
            className="activity-detail__action"
            onClick={() => Taro.navigateTo({ url: `${routes.activityRoster}?id=${activity.id}` })}
          >
            签到名册与请假
          </XfButton>
        </Section>
      )}
    </>
  );
}

function Line({ label, value }: { label: string; value: string }) {
  return (
    <View className="activity-detail__line">
      <Text className="activity-detail__label">{label}</Text>
      <Text className="activity-detail__value">{value}</Text>
    </View>
  );
}

async function locationIfNeeded(activity: ActivityDetail): Promise<{ lat?: number; lng?: number }> {
  if (!activity.geofence) return {};
  const position = await Taro.getLocation({ type: 'gcj02' });
  return { lat: position.latitude, lng: position.longitude };
}

function CheckInForm({
  activity,
  onDone,
}: {
  activity: ActivityDetail;
  onDone: (result: CheckInResult) => Promise<void>;
}) {
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const write = useWriteOnce();
  const isWeapp = Taro.getEnv() === Taro.ENV_TYPE.WEAPP;

  async function submit(proof: { code?: string; token?: string }) {
    setBusy(true);
    setError(null);
    try {
      const location = await locationIfNeeded(activity).catch(() => ({}));
      // Sent until the server answers (offline: kept and sent when the network returns).
      const done = await write.run(proof, (control) =>
        checkIn(activity.id, { ...proof, ...location }, { ...control, silent: true }),
      );
      setBusy(false);
      await onDone(done);
    } catch (caught) {
      // The typed code stays in the box: after 签到码已过期 the member corrects it and sends again.
      setError(errorMessage(caught));
      setBusy(false);
    }
  }

  async function scan() {
    try {
      const scanned = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      const parsed = parseCheckInPayload(scanned.result);
      if (!parsed || parsed.activityId !== activity.id) {
        setError('这不是本次活动的签到二维码');
        return;
      }
      await submit({ token: parsed.token });
    } catch {
      // The member closed the scanner: nothing to report.
    }
  }

  return (
    <Section title="现场签到" className="activity-detail__checkin">
      {isWeapp && (
        <XfButton type="primary" size="large" block loading={busy} onClick={() => void scan()}>
          扫码签到
        </XfButton>
      )}
      <Text className="activity-detail__hint">输入书记屏幕上的 6 位签到码：</Text>
      <Input
        className="activity-detail__code"
        type="number"
        maxlength={6}
        value={code}
        placeholder="6 位数字"
        aria-label="签到码"
        onInput={(event) => setCode(event.detail.value.replace(/\D/g, '').slice(0, 6))}
      />
      <WriteStatus state={write.state} />
      {error && (
        <View className="activity-detail__error" role="alert">
          {error}
        </View>
      )}
      <XfButton
        type="primary"
        size="large"
        block
        disabled={code.length !== 6}
        loading={busy}
        onClick={() => void submit({ code })}
      >
        确认签到
      </XfButton>
    </Section>
  );
}

function LeaveForm({ activityId, onDone }: { activityId: number; onDone: () => Promise<void> }) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function submit() {
    setBusy(true);
    setError(null);
    try {
      await askForLeave(activityId, reason.trim(), { silent: true });
      setReason('');
      await onDone();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Section title="不能参加？请假">
      <Textarea
        className="activity-detail__reason"
        value={reason}
        maxlength={200}
        placeholder="请写明请假事由"
        aria-label="请假事由"
        onInput={(event) => setReason(event.detail.value)}
      />
      {error && (
        <View className="activity-detail__error" role="alert">
          {error}
        </View>
      )}
      <XfButton block disabled={reason.trim().length < 2} loading={busy} onClick={() => void submit()}>
        提交请假
      </XfButton>
    </Section>
  );
}
