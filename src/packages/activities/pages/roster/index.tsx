import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Input, Text, Textarea, View } from '@tarojs/components';
import type { ActivityRoster, ActivityRosterRow, AttendanceStatus, Me } from '@contract';
import { EmptyState } from '../../../../components/empty-state';
import { PageState } from '../../../../components/page-state';
import { Section } from '../../../../components/section';
import { SelfCaseNote } from '../../../../components/self-case-note';
import { Tag } from '../../../../components/tag';
import { XfButton } from '../../../../components/xf-button';
import { useActivityRoster } from '../../../../hooks/useActivityRoster';
import { useMe } from '../../../../hooks/useMe';
import { useReloadOnShow } from '../../../../hooks/useReloadOnShow';
import {
  cancelActivity,
  closeActivity,
  decideLeave,
  markAttendance,
  saveMeetingRecord,
} from '../../../../services/activities';
import { errorMessage } from '../../../../services/api-error';
import { routes } from '../../../../services/routes';
import { formatChina, isUpcoming } from '../../../../utils/china-time';
import {
  activityTypeLabel,
  formatActivityTime,
  methodLabel,
  myStatusLabel,
  myStatusTone,
} from '../../../../utils/activity-labels';
import { isOwnCase } from '../../../../utils/self-case';
import './index.scss';

const MARKS: AttendanceStatus[] = ['present', 'late', 'leave', 'absent'];
const MARK_LABEL: Record<AttendanceStatus, string> = { present: '出席', late: '迟到', leave: '请假', absent: '缺席' };

/** The secretary's roster of one activity: marks, leave, close, meeting record. */
export default function ActivityRosterPage() {
  const { params } = useRouter();
  const id = Number(params.id);
  const valid = Number.isInteger(id) && id > 0;
  const roster = useActivityRoster(valid ? id : null);
  // Who is signed in: their own row and leave request are decided by someone else.
  const me = useMe();
  useReloadOnShow(roster.reload);

  if (!valid) return <EmptyState mark="!" title="没有找到这个活动" />;
  return (
    <View className="xf-page activity-roster">
      <PageState loading={roster.loading} error={roster.error} ready={roster.data !== null} onRetry={roster.reload}>
        {roster.data && <RosterContent roster={roster.data} me={me.data} reload={roster.reload} />}
      </PageState>
    </View>
  );
}

function RosterContent({
  roster: initial,
  me,
  reload,
}: {
  roster: ActivityRoster;
  me: Me | null;
  reload: () => Promise<void>;
}) {
  const [roster, setRoster] = useState(initial);
  const [note, setNote] = useState('书记代为登记');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setRoster(initial), [initial]);
  const { activity } = roster;
  const open = activity.status === 'scheduled';
  const started = !isUpcoming(activity.startsAt);
  const c = activity.counts;
  const pendingLeave = roster.rows.filter((r) => r.leave?.status === 'pending');

  async function run(key: string, action: () => Promise<unknown>) {
    setBusy(key);
    setError(null);
    try {
      const result = await action();
      if (result && typeof result === 'object' && 'rows' in result) setRoster(result as ActivityRoster);
      else await reload();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(null);
    }
  }

  async function close() {
    const answer = await Taro.showModal({
      title: '结束活动',
      content: `尚未登记的 ${c.pending} 人将记为缺席，并结算积分。确定结束吗？`,
      confirmText: '结束',
    });
    if (answer.confirm) await run('close', () => closeActivity(activity.id, { silent: true }));
  }

  async function cancel() {
    const answer = await Taro.showModal({ title: '取消活动', content: '取消后党员将看到“已取消”。确定取消吗？' });
    if (answer.confirm) await run('cancel', () => cancelActivity(activity.id, '因故取消', { silent: true }));
  }

  return (
    <>
      <Section>
        <View className="activity-roster__tags">
          <Tag tone="red">{activityTypeLabel[activity.type]}</Tag>
          <Tag tone={open ? 'amber' : 'neutral'}>
            {open ? '进行中 / 未开始' : activity.status === 'closed' ? '已结束' : '已取消'}
          </Tag>
        </View>
        <Text className="activity-roster__title">{activity.title}</Text>
        <Text className="activity-roster__line">{formatActivityTime(activity.startsAt, activity.endsAt)}</Text>
        <Text className="activity-roster__line">{activity.place}</Text>
        <Text className="activity-roster__counts">
          应到 {c.invited} · 已到 {c.present + c.late}（迟到 {c.late}）· 请假 {c.leave} · 缺席 {c.absent} · 未登记{' '}
          {c.pending}
        </Text>
        {open && (
          <View className="activity-roster__actions">
            <XfButton
              type="primary"
              block
              onClick={() => Taro.navigateTo({ url: `${routes.activityDisplay}?id=${activity.id}` })}
            >
              打开签到大屏
            </XfButton>
            <XfButton block onClick={() => Taro.navigateTo({ url: `${routes.activityEdit}?id=${activity.id}` })}>
              修改活动
            </XfButton>
            {started && (
              <XfButton block loading={busy === 'close'} onClick={() => void close()}>
                结束活动并结算
              </XfButton>
            )}
            {c.present + c.late === 0 && (
              <XfButton block loading={busy === 'cancel'} onClick={() => void cancel()}>
                取消活动
              </XfButton>
            )}
          </View>
        )}
      </Section>

      {error && (
        <View className="activity-roster__error" role="alert">
          {error}
        </View>
      )}

      {pendingLeave.length > 0 && (
        <Section title={`请假待审批（${pendingLeave.length}）`}>
          {pendingLeave.map((row) => (
            <View key={row.member.id} className="activity-roster__leave">
              <Text className="activity-roster__name">{row.member.name}</Text>
              <Text className="activity-roster__line">事由：{row.leave!.reason}</Text>
              {isOwnCase(me, row.member.id) ? (
                <SelfCaseNote action="leave" me={me!} />
              ) : (
                <View className="activity-roster__buttons">
                  <XfButton
                    type="primary"
                    loading={busy === `approve-${row.leave!.id}`}
                    onClick={() =>
                      void run(`approve-${row.leave!.id}`, () =>
                        decideLeave(activity.id, row.leave!.id, true, { silent: true }),
                      )
                    }
                  >
                    批准
                  </XfButton>
                  <XfButton
                    loading={busy === `reject-${row.leave!.id}`}
                    onClick={() =>
                      void run(`reject-${row.leave!.id}`, () =>
                        decideLeave(activity.id, row.leave!.id, false, { silent: true }),
                      )
                    }
                  >
                    不批准
                  </XfButton>
                </View>
              )}
            </View>
          ))}
        </Section>
      )}

      {activity.status !== 'cancelled' && (
        <Section title="签到名册">
          <Text className="activity-roster__line">登记时的备注：</Text>
          <Input
            className="activity-roster__note"
            value={note}
            maxlength={200}
            aria-label="登记备注"
            onInput={(e) => setNote(e.detail.value)}
          />
          {roster.rows.map((row) => (
            <RosterRow
              key={row.member.id}
              row={row}
              me={me}
              busy={busy}
              onMark={(status) =>
                void run(`mark-${row.member.id}-${status}`, () =>
                  markAttendance(activity.id, row.member.id, status, note.trim() || undefined, { silent: true }),
                )
              }
            />
          ))}
        </Section>
      )}

      {activity.status !== 'cancelled' && started && (
        <MeetingRecord activityId={activity.id} initial={activity.record ?? ''} onSaved={() => void reload()} />
      )}
    </>
  );
}

function RosterRow({
  row,
  me,
  busy,
  onMark,
}: {
  row: ActivityRosterRow;
  me: Me | null;
  busy: string | null;
  onMark: (status: AttendanceStatus) => void;
}) {
  const detail = [
    row.method ? methodLabel[row.method] : null,
    row.checkedInAt ? formatChina(row.checkedInAt, 'HH:mm') : null,
    row.note,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <View className="activity-roster__row" data-member={row.member.name}>
      <View className="activity-roster__row-head">
        <Text className="activity-roster__name">{row.member.name}</Text>
        <Tag tone={myStatusTone[row.status]} solid={row.status === 'present'}>
          {myStatusLabel[row.status]}
        </Tag>
      </View>
      {detail && <Text className="activity-roster__line">{detail}</Text>}
      {isOwnCase(me, row.member.id) ? (
        <SelfCaseNote action="attendance" me={me!} />
      ) : (
        <View className="activity-roster__marks">
          {MARKS.filter((status) => status !== row.status).map((status) => (
            <XfButton
              key={status}
              className="activity-roster__mark"
              loading={busy === `mark-${row.member.id}-${status}`}
              onClick={() => onMark(status)}
            >
              {MARK_LABEL[status]}
            </XfButton>
          ))}
        </View>
      )}
    </View>
  );
}

function MeetingRecord({ activityId, initial, onSaved }: { activityId: number; initial: string; onSaved: () => void }) {
  const [record, setRecord] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  async function save() {
    setBusy(true);
    setMessage(null);
    try {
      await saveMeetingRecord(activityId, record.trim(), { silent: true });
      setMessage('会议记录已保存');
      onSaved();
    } catch (caught) {
      setMessage(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Section title="会议记录">
      <Textarea
        className="activity-roster__record"
        value={record}
        maxlength={10000}
        placeholder="会议时间、地点、主持人、参加人员、议程和决定事项"
        aria-label="会议记录"
        onInput={(e) => setRecord(e.detail.value)}
      />
      {message && <Text className="activity-roster__line">{message}</Text>}
      <XfButton type="primary" block disabled={record.trim().length < 2} loading={busy} onClick={() => void save()}>
        保存会议记录
      </XfButton>
    </Section>
  );
}
