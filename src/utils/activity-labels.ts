import { chinaInstant, chinaWeekday, chinaYear, formatChina, isSameChinaDay, type Moment } from './china-time';
import type { ActivitySummary, ActivityType, CheckInMethod, LeaveStatus, MyStatus } from '@contract';
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

/** Reads a scanned check-in QR code: `xianfeng:checkin:<activityId>:<token>`. */
export function parseCheckInPayload(text: string): { activityId: number; token: string } | null {
  const match = /^xianfeng:checkin:(\d+):([A-Za-z0-9_-]{8,64})$/.exec(text.trim());
  return match ? { activityId: Number(match[1]), token: match[2] as string } : null;
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
