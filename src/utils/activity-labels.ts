import { chinaWeekday, chinaYear, formatChina, isSameChinaDay } from './china-time';
import type { ActivityType, CheckInMethod, LeaveStatus, MyStatus } from '@contract';
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
