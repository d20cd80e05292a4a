import { useEffect, useRef, useState } from 'react';
import Taro, { useDidHide, useRouter } from '@tarojs/taro';
import { Input, Text, Textarea, View } from '@tarojs/components';
import type { ActivityRoster, ActivityRosterRow, AttendanceStatus, Me } from '@contract';
import { EmptyState } from '../../../../components/empty-state';
import { PageState } from '../../../../components/page-state';
import { ReasonForm } from '../../../../components/reason-form';
import { Section } from '../../../../components/section';
import { SelfCaseNote } from '../../../../components/self-case-note';
import { Tag } from '../../../../components/tag';
import { XfButton } from '../../../../components/xf-button';
import { useActivityRoster } from '../../../../hooks/useActivityRoster';
import { useLivePoll } from '../../../../hooks/useLivePoll';
import { useMe } from '../../../../hooks/useMe';
import { useNow } from '../../../../hooks/useNow';
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
import { chinaInstant, formatChina } from '../../../../utils/china-time';
import {
  activityPhase,
  activityPhaseLabel,
  activityPhaseTone,
  activityTypeLabel,
  formatActivityTime,
  formatOpensAt,
  methodLabel,
  myStatusLabel,
  myStatusTone,
} from '../../../../utils/activity-labels';
import { isOwnCase } from '../../../../utils/self-case';
import './index.scss';
import { showNotice } from '../../../../utils/notice';

const MARKS: AttendanceStatus[] = ['present', 'late', 'leave', 'absent'];
const MARK_LABEL: Record<AttendanceStatus, string> = { present: '出席', late: '迟到', leave: '请假', absent: '缺席' };
/** The note a mark carries when the secretary types none: it says who recorded what. */
export const DEFAULT_NOTE: Record<AttendanceStatus, string> = {
  present: '书记代为登记',
  late: '书记代为登记',
  leave: '已向书记请假',
  absent: '',
};
/** How long a mark waits before it is sent, so 撤销 takes it back without moving any points. */
export const UNDO_MS = 5_000;
/** The screen may be opened this long before check-in opens (a projector set up early). */
const SCREEN_EARLY_MS = 2 * 60 * 60_000;
const NAMES_IN_DIALOG = 40;

interface PendingMark {
  memberId: number;
  name: string;
  status: AttendanceStatus;
  note: string | undefined;
}

/** The secretary's roster of one activity: live counts, marks with 撤销, leave, close, meeting record. */
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

function namesList(names: string[]): string {
  if (names.length <= NAMES_IN_DIALOG) return names.join('、');
  return `${names.slice(0, NAMES_IN_DIALOG).join('、')} 等 ${names.length} 人`;
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
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState<number | null>(null);
  const [pending, setPending] = useState<PendingMark | null>(null);
  const pendingRef = useRef<PendingMark | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const now = useNow(10_000);
  useEffect(() => setRoster(initial), [initial]);
  const { activity } = roster;
  const phase = activityPhase(activity, now);
  const open = activity.status === 'scheduled';
  const started = now >= chinaInstant(activity.startsAt);
  const checkinOpen = now >= chinaInstant(activity.checkinOpensAt);
  // Live while people can check in or are being marked; not for a meeting days away.
  useLivePoll(reload, open && checkinOpen && pending === null && busy === null);
  const c = activity.counts;
  const pendingLeave = roster.rows.filter((r) => r.leave?.status === 'pending');
  const myRow = me ? roster.rows.find((r) => r.member.id === me.id) : undefined;
  const recordFirst = phase === 'ended' || phase === 'settled';

  async function run(key: string, action: () => Promise<unknown>): Promise<boolean> {
    setBusy(key);
    setError(null);
    try {
      const result = await action();
      if (result && typeof result === 'object' && 'rows' in result) setRoster(result as ActivityRoster);
      else await reload();
      return true;
    } catch (caught) {
      setError(errorMessage(caught));
      return false;
    } finally {
      setBusy(null);
    }
  }

  function send(mark: PendingMark) {
    return run(`mark-${mark.memberId}`, () =>
      markAttendance(activity.id, mark.memberId, mark.status, mark.note, { silent: true }),
    );
  }

  /** Sends the waiting mark now (another mark, leaving the page, the time is up). */
  function flush() {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const waiting = pendingRef.current;
    pendingRef.current = null;
    setPending(null);
    if (waiting) void send(waiting);
  }

  function undo() {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    pendingRef.current = null;
    setPending(null);
  }

  useDidHide(flush);
  useEffect(
    () => () => {
      // Leaving the page within the undo time keeps the mark: send it on the way out.
      if (timer.current) clearTimeout(timer.current);
      const waiting = pendingRef.current;
      if (waiting) {
        markAttendance(activity.id, waiting.memberId, waiting.status, waiting.note, { silent: true }).catch(
          () => void showNotice(`${waiting.name}的登记未保存，请重试`),
        );
      }
    },
    [activity.id],
  );

  async function mark(row: ActivityRosterRow, status: AttendanceStatus) {
    const shown = pending?.memberId === row.member.id ? pending.status : row.status;
    const attended = shown === 'present' || shown === 'late';
    if (attended && (status === 'leave' || status === 'absent')) {
      const how = [
        row.method ? methodLabel[row.method] : null,
        row.checkedInAt ? formatChina(row.checkedInAt, 'HH:mm') : null,
      ]
        .filter(Boolean)
        .join(' ');
      const answer = await Taro.showModal({
        title: `改为“${MARK_LABEL[status]}”？`,
        content: `${row.member.name}${shown === 'late' ? '已签到（迟到）' : '已签到'}${how ? `（${how}）` : ''}。改为“${MARK_LABEL[status]}”会收回本次出勤的积分。确定更改吗？`,
        confirmText: '确定更改',
        cancelText: '不改',
      });
      if (!answer.confirm) return;
    }
    if (pendingRef.current) flush();
    const typed = note.trim();
    const next: PendingMark = {
      memberId: row.member.id,
      name: row.member.name,
      status,
      note: typed || DEFAULT_NOTE[status] || undefined,
    };
    pendingRef.current = next;
    setPending(next);
    timer.current = setTimeout(flush, UNDO_MS);
  }

  async function close() {
    if (myRow && myRow.status === 'pending') {
      await Taro.showModal({
        title: '请先为您本人签到',
        content:
          '您本人还没有出勤记录。结束活动会把您记为缺席，而本人的出勤不能自己登记：请先用签到码签到，或请另一位管理人员为您登记。',
        showCancel: false,
        confirmText: '知道了',
      });
      return;
    }
    const absent = roster.rows.filter((r) => r.status === 'pending').map((r) => r.member.name);
    const answer = await Taro.showModal({
      title: '结束活动并结算',
      content:
        absent.length > 0
          ? `以下 ${absent.length} 人尚未登记，将记为缺席：${namesList(absent)}。确定结束并结算积分吗？`
          : '所有人都已登记，结束后将结算积分。确定结束吗？',
      confirmText: '结束',
    });
    if (answer.confirm) await run('close', () => closeActivity(activity.id, { silent: true }));
  }

  async function cancel() {
    const answer = await Taro.showModal({ title: '取消活动', content: '取消后党员将看到“已取消”。确定取消吗？' });
    if (answer.confirm) await run('cancel', () => cancelActivity(activity.id, '因故取消', { silent: true }));
  }

  const goRecord = () => void Taro.pageScrollTo({ selector: '#meeting-record', duration: 300 }).catch(() => undefined);
  const record =
    activity.status !== 'cancelled' && started ? (
      <MeetingRecord activityId={activity.id} initial={activity.record ?? ''} onSaved={() => void reload()} />
    ) : null;
  const showScreen = open && now >= chinaInstant(activity.checkinOpensAt) - SCREEN_EARLY_MS;

  return (
    <>
      <Section>
        <View className="activity-roster__tags">
          <Tag tone="red">{activityTypeLabel[activity.type]}</Tag>
          <Tag tone={activityPhaseTone[phase]} solid={phase === 'checkin'}>
            {activityPhaseLabel[phase]}
          </Tag>
        </View>
        <Text className="activity-roster__title">{activity.title}</Text>
        <Text className="activity-roster__line">{formatActivityTime(activity.startsAt, activity.endsAt)}</Text>
        <Text className="activity-roster__line">{activity.place}</Text>
        {phase === 'upcoming' && (
          <Text className="activity-roster__notice">
            签到将于 {formatOpensAt(activity.checkinOpensAt)} 开始。届时可打开签到大屏、登记出席；现在可以登记请假。
          </Text>
        )}
        <View className="activity-roster__counts" aria-live="polite">
          {[
            `应到 ${c.invited}`,
            `已到 ${c.present + c.late}（迟到 ${c.late}）`,
            `请假 ${c.leave}`,
            `缺席 ${c.absent}`,
            `未登记 ${c.pending}`,
          ].map((part) => (
            <Text key={part.slice(0, 2)} className="activity-roster__count">
              {part}
            </Text>
          ))}
        </View>
        {open && myRow?.status === 'pending' && checkinOpen && (
          <View className="activity-roster__notice" role="note">
            您本人也在名单中，还没有签到：请用签到码签到，或请另一位管理人员为您登记。
          </View>
        )}
        <View className="activity-roster__actions">
          {showScreen && (
            <XfButton
              type="primary"
              block
              onClick={() => Taro.navigateTo({ url: `${routes.activityDisplay}?id=${activity.id}` })}
            >
              打开签到大屏
            </XfButton>
          )}
          {record && !recordFirst && (
            <XfButton block onClick={goRecord}>
              会议记录
            </XfButton>
          )}
          <XfButton block onClick={() => Taro.navigateTo({ url: `${routes.signInSheet}?activityId=${activity.id}` })}>
            签到表（打印）
          </XfButton>
          {open && (
            <XfButton block onClick={() => Taro.navigateTo({ url: `${routes.activityEdit}?id=${activity.id}` })}>
              修改活动
            </XfButton>
          )}
          {open && started && (
            <XfButton block loading={busy === 'close'} onClick={() => void close()}>
              结束活动并结算
            </XfButton>
          )}
          {open && c.present + c.late === 0 && (
            <XfButton block loading={busy === 'cancel'} onClick={() => void cancel()}>
              取消活动
            </XfButton>
          )}
        </View>
      </Section>

      {error && (
        <View className="activity-roster__error" role="alert">
          {error}
        </View>
      )}

      {pendingLeave.length > 0 && (
        <Section title={`请假待审批（${pendingLeave.length}）`}>
          {pendingLeave.map((row) => {
            const leave = row.leave!;
            return (
              <View key={row.member.id} className="activity-roster__leave">
                <Text className="activity-roster__name">{row.member.name}</Text>
                <Text className="activity-roster__line">事由：{leave.reason}</Text>
                {isOwnCase(me, row.member.id) ? (
                  <SelfCaseNote action="leave" me={me!} />
                ) : rejecting === leave.id ? (
                  <ReasonForm
                    confirmText="不批准"
                    placeholder="不批准的理由（党员会看到）"
                    busy={busy === `reject-${leave.id}`}
                    onCancel={() => setRejecting(null)}
                    onConfirm={(reason) =>
                      void run(`reject-${leave.id}`, () =>
                        decideLeave(activity.id, leave.id, { approve: false, note: reason }, { silent: true }),
                      ).then((ok) => ok && setRejecting(null))
                    }
                  />
                ) : (
                  <View className="activity-roster__buttons">
                    <XfButton
                      type="primary"
                      loading={busy === `approve-${leave.id}`}
                      onClick={() =>
                        void run(`approve-${leave.id}`, () =>
                          decideLeave(activity.id, leave.id, { approve: true }, { silent: true }),
                        )
                      }
                    >
                      批准
                    </XfButton>
                    <XfButton onClick={() => setRejecting(leave.id)}>不批准</XfButton>
                  </View>
                )}
              </View>
            );
          })}
        </Section>
      )}

      {recordFirst && record}

      {activity.status !== 'cancelled' && (
        <Section title="签到名册">
          <Text className="activity-roster__line">
            登记备注（可不填；不填时出席记“书记代为登记”，请假记“已向书记请假”）：
          </Text>
          <Input
            className="activity-roster__note"
            value={note}
            maxlength={200}
            placeholder="如：会前电话请假"
            aria-label="登记备注"
            onInput={(e) => setNote(e.detail.value)}
          />
          {roster.rows.map((row) => (
            <RosterRow
              key={row.member.id}
              row={pending?.memberId === row.member.id ? { ...row, status: pending.status } : row}
              waiting={pending?.memberId === row.member.id}
              me={me}
              busy={busy}
              marks={checkinOpen ? MARKS : ['leave']}
              onMark={(status) => void mark(row, status)}
            />
          ))}
        </Section>
      )}

      {!recordFirst && record}

      {pending && (
        <View className="activity-roster__undo" role="status">
          <Text className="activity-roster__undo-text">
            已将 {pending.name} 登记为“{MARK_LABEL[pending.status]}”
          </Text>
          <XfButton className="activity-roster__undo-button" onClick={undo}>
            撤销
          </XfButton>
        </View>
      )}
    </>
  );
}

function RosterRow({
  row,
  waiting,
  me,
  busy,
  marks,
  onMark,
}: {
  row: ActivityRosterRow;
  /** The mark shown is still within its undo time. */
  waiting: boolean;
  me: Me | null;
  busy: string | null;
  marks: AttendanceStatus[];
  onMark: (status: AttendanceStatus) => void;
}) {
  const detail = waiting
    ? '几秒后保存，可撤销'
    : [
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
          {marks
            .filter((status) => status !== row.status)
            .map((status) => (
              <XfButton
                key={status}
                className="activity-roster__mark"
                loading={busy === `mark-${row.member.id}`}
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
    <View id="meeting-record">
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
    </View>
  );
}
