import { chinaInstant, chinaWeekday, chinaYear, formatChina, isSameChinaDay, type Moment } from './china-time';
import type { ActivityStatus, ActivitySummary, ActivityType, CheckInMethod, LeaveStatus, MyStatus } from '@contract';
import type { TagTone } from '../components/tag';

export const activityTypeLabel: Record<ActivityType, string> = {
  theme_day: '主题党日',
  general_meeting: '支部党员大会',
  committee_meeting: '支委会',
  group_meeting: '党小组会',
  party_lecture: '党课',
  volunteer: '志愿服务活动',
  other: '其他',
};

export const activityTypes = Object.keys(activityTypeLabel) as ActivityType[];

export const myStatusLabel: Record<MyStatus, string> = {
  pending: '未签到',
  present: '已签到',
  late: '迟到',
  leave: '请假',
  absent: '缺席',
};

export const myStatusTone: Record<MyStatus, TagTone> = {
  pending: 'amber',
  present: 'green',
  late: 'amber',
  leave: 'neutral',
  absent: 'red',
};

export const leaveStatusLabel: Record<LeaveStatus, string> = {
  pending: '请假待审批',
  approved: '请假已批准',
  rejected: '请假未批准',
};

export const methodLabel: Record<CheckInMethod, string> = {
  qr: '扫码',
  code: '签到码',
  roster: '书记登记',
};

/** 3月5日 周四 14:30–16:30 in China time (the year only when it is not this year). */
export function formatActivityTime(startsAt: string, endsAt: string): string {
  const day = formatChina(startsAt, chinaYear(startsAt) === chinaYear() ? 'M月D日' : 'YYYY年M月D日');
  const endPart = formatChina(endsAt, isSameChinaDay(startsAt, endsAt) ? 'HH:mm' : 'M月D日 HH:mm');
  return `${day} ${chinaWeekday(startsAt)} ${formatChina(startsAt, 'HH:mm')}–${endPart}`;
}

/**
 * Reads a scanned check-in QR code: the link `https://<api origin>/c/<activityId>/<token>` (what
 * the check-in screen shows, so WeChat's own 扫一扫 opens the mini-program), or the earlier
 * `xianfeng:checkin:<activityId>:<token>`.
 */
export function parseCheckInPayload(text: string): { activityId: number; token: string } | null {
  const match =
    /^https?:\/\/[^/?#\s]+\/c\/(\d+)\/([A-Za-z0-9_-]{8,64})$/.exec(text.trim()) ??
    /^xianfeng:checkin:(\d+):([A-Za-z0-9_-]{8,64})$/.exec(text.trim());
  return match ? { activityId: Number(match[1]), token: match[2] as string } : null;
}

/** Where an activity stands, one word for every screen. */
export type ActivityPhase = 'upcoming' | 'checkin' | 'running' | 'ended' | 'settled' | 'cancelled';

export const activityPhaseLabel: Record<ActivityPhase, string> = {
  upcoming: '未开始',
  checkin: '签到中',
  running: '进行中',
  ended: '已结束',
  settled: '已结算',
  cancelled: '已取消',
};

export const activityPhaseTone: Record<ActivityPhase, TagTone> = {
  upcoming: 'neutral',
  checkin: 'green',
  running: 'amber',
  ended: 'amber',
  settled: 'neutral',
  cancelled: 'neutral',
};

export interface PhaseInput {
  status: ActivityStatus;
  startsAt: string;
  endsAt: string;
  /** Without a window (a member's list), check-in is taken as 30 minutes before the start to the end. */
  checkinOpensAt?: string;
  checkinClosesAt?: string;
}

/**
 * 未开始 before check-in opens; 签到中 while it is open; 进行中 after it closes and before the end;
 * 已结束 once over but not settled; 已结算 once closed by the secretary; 已取消.
 */
export function activityPhase(activity: PhaseInput, now: Moment = Date.now()): ActivityPhase {
  if (activity.status === 'cancelled') return 'cancelled';
  if (activity.status === 'closed') return 'settled';
  const at = chinaInstant(now);
  const opens = activity.checkinOpensAt
    ? chinaInstant(activity.checkinOpensAt)
    : chinaInstant(activity.startsAt) - 30 * 60_000;
  const closes = activity.checkinClosesAt ? chinaInstant(activity.checkinClosesAt) : chinaInstant(activity.endsAt);
  if (at < opens) return 'upcoming';
  if (at <= closes) return 'checkin';
  if (at < chinaInstant(activity.endsAt)) return 'running';
  return 'ended';
}

/** 12月10日 周四 14:00 (with the year when it is not this year): when check-in opens. */
export function formatOpensAt(opensAt: string): string {
  const day = formatChina(opensAt, chinaYear(opensAt) === chinaYear() ? 'M月D日' : 'YYYY年M月D日');
  return `${day} ${chinaWeekday(opensAt)} ${formatChina(opensAt, 'HH:mm')}`;
}

/** The check-in link WeChat passes as `q` when its 扫一扫 opened the activity page; null if none. */
export function checkInFromParams(
  params: Record<string, string | undefined>,
): { activityId: number; token: string } | null {
  if (!params.q) return null;
  try {
    return parseCheckInPayload(decodeURIComponent(params.q));
  } catch {
    return null;
  }
}

/** Where an activity's check-in stands now: not open yet, open, or over (closed, cancelled or past). */
export type CheckInPhase = 'before' | 'open' | 'over';

export function checkInPhase(
  activity: Pick<ActivitySummary, 'status' | 'checkinOpensAt' | 'checkinClosesAt'>,
  now: Moment = Date.now(),
): CheckInPhase {
  if (activity.status !== 'scheduled') return 'over';
  const at = chinaInstant(now);
  if (at < chinaInstant(activity.checkinOpensAt)) return 'before';
  return at <= chinaInstant(activity.checkinClosesAt) ? 'open' : 'over';
}

export interface StatusChip {
  label: string;
  tone: TagTone;
  solid?: boolean;
}

/**
 * The one chip that says where the member stands: 已取消, a pending leave (请假待审批), 未开始
 * before check-in opens (never a red 未签到 for something that has not happened), 待签到 while
 * it is open, then the recorded outcome. Null when the reader is not invited.
 */
export function myStatusChip(
  activity: Pick<ActivitySummary, 'status' | 'myStatus' | 'myLeave' | 'checkinOpensAt' | 'checkinClosesAt'>,
  now: Moment = Date.now(),
): StatusChip | null {
  if (activity.status === 'cancelled') return { label: '已取消', tone: 'neutral' };
  const status = activity.myStatus;
  if (!status) return null;
  if (status !== 'pending')
    return { label: myStatusLabel[status], tone: myStatusTone[status], solid: status === 'present' };
  if (activity.myLeave === 'pending') return { label: leaveStatusLabel.pending, tone: 'amber' };
  const phase = checkInPhase(activity, now);
  if (phase === 'before') {
    return { label: activity.myLeave === 'rejected' ? leaveStatusLabel.rejected : '未开始', tone: 'neutral' };
  }
  if (phase === 'open') return { label: '待签到', tone: 'amber' };
  return { label: myStatusLabel.pending, tone: 'amber' };
}

/** 签到 11月30日 14:00 开始 (the date only when it is not today). */
export function checkInOpensText(opensAt: string, now: Moment = Date.now()): string {
  const when = isSameChinaDay(opensAt, now) ? formatChina(opensAt, 'HH:mm') : formatChina(opensAt, 'M月D日 HH:mm');
  return `签到 ${when} 开始`;
}
