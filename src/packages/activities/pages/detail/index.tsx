import { useEffect, useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Input, Text, Textarea, View } from '@tarojs/components';
import type { ActivityDetail, CheckInResult } from '@contract';
import { EmptyState } from '../../../../components/empty-state';
import { PageState } from '../../../../components/page-state';
import { Section } from '../../../../components/section';
import { Tag } from '../../../../components/tag';
import { SubscribeButton } from '../../../../components/subscribe-button';
import { WriteStatus } from '../../../../components/write-status';
import { XfButton } from '../../../../components/xf-button';
import { useActivity } from '../../../../hooks/useActivity';
import { pendingFor, useSubscriptions } from '../../../../hooks/useSubscriptions';
import { useReloadOnShow } from '../../../../hooks/useReloadOnShow';
import { useWriteOnce } from '../../../../hooks/useWriteOnce';
import { askForLeave, checkIn, withdrawLeave } from '../../../../services/activities';
import { subscribeActivityReminder } from '../../../../services/subscriptions';
import { errorMessage } from '../../../../services/api-error';
import { routes } from '../../../../services/routes';
import { formatChina, isUpcoming } from '../../../../utils/china-time';
import {
  activityTypeLabel,
  checkInFromParams,
  checkInOpensText,
  checkInPhase,
  formatActivityTime,
  leaveStatusLabel,
  methodLabel,
  myStatusChip,
  myStatusLabel,
  parseCheckInPayload,
} from '../../../../utils/activity-labels';
import { useTextScale } from '../../../../hooks/useTextScale';
import { CheckOutForm, CheckOutList, MyCheckOut, needsCheckOut } from '../../components/volunteer-checkout';
import './index.scss';

/**
 * An activity for a member: what, when, where, my status; check in or ask for leave. Opened by
 * WeChat's 扫一扫 on the check-in QR, the link arrives as `q` and the member is checked in.
 */
export default function ActivityDetailPage() {
  const { params } = useRouter();
  const scanned = checkInFromParams(params);
  const id = scanned ? scanned.activityId : Number(params.id);
  const valid = Number.isInteger(id) && id > 0;
  const activity = useActivity(valid ? id : null);
  useReloadOnShow(activity.reload);
  const text = useTextScale();

  if (!valid) return <EmptyState mark="!" title="没有找到这个活动" description="请返回活动列表重新选择。" />;
  return (
    <View className="xf-page activity-detail" style={text.style}>
      <PageState
        loading={activity.loading}
        error={activity.error}
        ready={activity.data !== null}
        onRetry={activity.reload}
      >
        {activity.data && (
          <DetailContent activity={activity.data} scannedToken={scanned?.token} onChanged={activity.reload} />
        )}
      </PageState>
    </View>
  );
}

/** 开始前提醒我: offered on the activity, never on launch; only in the mini-program, only if set up. */
function ReminderSection({ activityId }: { activityId: number }) {
  const subscriptions = useSubscriptions();
  const templateId = subscriptions.data?.templates.activityReminder ?? null;
  if (!templateId) return null;
  const lead = subscriptions.data?.reminderLeadMinutes ?? 60;
  return (
    <Section title="活动提醒">
      <SubscribeButton
        templateId={templateId}
        label="开始前提醒我"
        hint={`活动开始前 ${lead >= 60 && lead % 60 === 0 ? `${lead / 60} 小时` : `${lead} 分钟`}，通过微信“服务通知”提醒您一次。`}
        subscribed={
          pendingFor(subscriptions.data, 'activity_reminder', { type: 'activity', id: activityId }) !== undefined
        }
        onAccepted={() => subscribeActivityReminder(activityId)}
      />
    </Section>
  );
}

function DetailContent({
  activity,
  scannedToken,
  onChanged,
}: {
  activity: ActivityDetail;
  scannedToken?: string;
  onChanged: () => Promise<void>;
}) {
  // Kept here, not in the form: the reload after a check-in removes the form.
  const [checkedIn, setCheckedIn] = useState<CheckInResult | null>(null);
  const cancelled = activity.status === 'cancelled';
  const status = activity.myStatus;
  const waiting = !cancelled && activity.status === 'scheduled' && status === 'pending';
  const phase = checkInPhase(activity);
  const canAskLeave = waiting && isUpcoming(activity.startsAt) && activity.myLeave !== 'approved';
  const chip = myStatusChip(activity);
  return (
    <>
      <Section>
        <View className="activity-detail__tags">
          <Tag tone="red">{activityTypeLabel[activity.type]}</Tag>
          {chip && (
            <Tag tone={chip.tone} solid={chip.solid}>
              {chip.label}
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

      {waiting && !checkedIn && phase === 'before' && (
        <Section title="现场签到">
          <Text className="activity-detail__opens">{checkInOpensText(activity.checkinOpensAt)}</Text>
          <Text className="activity-detail__line-text">到时在这里输入书记屏幕上的 6 位签到码，或扫码签到。</Text>
        </Section>
      )}
      {waiting && !checkedIn && phase === 'over' && (
        <Section title="现场签到">
          <Text className="activity-detail__line-text">签到时间已过。如您参加了活动，请联系支部书记登记。</Text>
        </Section>
      )}
      {waiting && !checkedIn && phase === 'open' && (
        <CheckInForm
          activity={activity}
          scannedToken={scannedToken}
          onDone={async (result) => {
            setCheckedIn(result);
            await onChanged();
          }}
        />
      )}

      {needsCheckOut(activity) && <CheckOutForm activity={activity} onDone={onChanged} />}
      <MyCheckOut activity={activity} />

      {activity.myLeaveRequest && (
        <Section title="请假">
          <Text className="activity-detail__line-text">
            {leaveStatusLabel[activity.myLeaveRequest.status]}：{activity.myLeaveRequest.reason}
          </Text>
          {activity.myLeaveRequest.decisionNote && (
            <Text className="activity-detail__line-text">书记意见：{activity.myLeaveRequest.decisionNote}</Text>
          )}
          {activity.myLeaveRequest.status === 'pending' && (
            <WithdrawLeave activityId={activity.id} requestId={activity.myLeaveRequest.id} onDone={onChanged} />
          )}
        </Section>
      )}
      {canAskLeave && activity.myLeave !== 'pending' && <LeaveForm activityId={activity.id} onDone={onChanged} />}
      {canAskLeave && activity.myLeave !== 'pending' && <ReminderSection activityId={activity.id} />}

      {activity.canManage && activity.type === 'volunteer' && <CheckOutList activity={activity} />}

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

const LOCATION_SCOPE = 'scope.userLocation';

/**
 * The position for an activity with a geofence. 'refused': the member once refused location and
 * WeChat no longer asks, so only its settings page can turn it back on. Any other failure sends
 * no position and lets the API say what is missing.
 */
async function locationIfNeeded(activity: ActivityDetail): Promise<{ lat?: number; lng?: number } | 'refused'> {
  if (!activity.geofence) return {};
  try {
    const position = await Taro.getLocation({ type: 'gcj02' });
    return { lat: position.latitude, lng: position.longitude };
  } catch {
    if (Taro.getEnv() !== Taro.ENV_TYPE.WEAPP) return {};
    const setting = await Taro.getSetting().catch(() => null);
    return setting?.authSetting[LOCATION_SCOPE] === false ? 'refused' : {};
  }
}

function CheckInForm({
  activity,
  scannedToken,
  onDone,
}: {
  activity: ActivityDetail;
  /** The token of a QR WeChat's 扫一扫 opened this page with: checked in once, on arrival. */
  scannedToken?: string;
  onDone: (result: CheckInResult) => Promise<void>;
}) {
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** The check-in that waits for location to be allowed in WeChat's settings. */
  const [waitingForLocation, setWaitingForLocation] = useState<{ code?: string; token?: string } | null>(null);
  const write = useWriteOnce();
  const isWeapp = Taro.getEnv() === Taro.ENV_TYPE.WEAPP;

  async function submit(proof: { code?: string; token?: string }) {
    setBusy(true);
    setError(null);
    try {
      const location = await locationIfNeeded(activity);
      if (location === 'refused') {
        setWaitingForLocation(proof);
        setBusy(false);
        return;
      }
      setWaitingForLocation(null);
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

  const usedScan = useRef(false);
  useEffect(() => {
    if (!scannedToken || usedScan.current) return;
    usedScan.current = true;
    void submit({ token: scannedToken });
    // Once, with the token the page was opened with.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scannedToken]);

  // openSetting must run from the tap itself: WeChat refuses it otherwise.
  async function openSettings() {
    const proof = waitingForLocation;
    const result = await Taro.openSetting().catch(() => null);
    if (result?.authSetting[LOCATION_SCOPE] && proof) await submit(proof);
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
      {waitingForLocation && (
        <View className="activity-detail__location" role="alert">
          <Text className="activity-detail__location-text">
            本次活动签到需要确认您在活动地点附近。您之前没有允许使用位置信息，微信不会再次询问：请点“去设置”，打开“位置信息”后会自动签到。也可以请书记在签到名册上为您登记。
          </Text>
          <XfButton block loading={busy} onClick={() => void openSettings()}>
            去设置
          </XfButton>
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

/** Takes back a leave request the secretary has not decided yet (after asking to be sure). */
function WithdrawLeave({
  activityId,
  requestId,
  onDone,
}: {
  activityId: number;
  requestId: number;
  onDone: () => Promise<void>;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function withdraw() {
    const { confirm } = await Taro.showModal({
      title: '撤回请假',
      content: '撤回后按正常参加活动；如仍不能参加，可以重新请假。',
      confirmText: '撤回',
      cancelText: '不撤回',
    });
    if (!confirm) return;
    setBusy(true);
    setError(null);
    try {
      await withdrawLeave(activityId, requestId, { silent: true });
      await onDone();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      {error && (
        <View className="activity-detail__error" role="alert">
          {error}
        </View>
      )}
      <XfButton block className="activity-detail__withdraw" loading={busy} onClick={() => void withdraw()}>
        撤回请假
      </XfButton>
    </>
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
