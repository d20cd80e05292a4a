// The refusals of check-in, leave and the roster: stable codes, Chinese messages.
import { AppError, badRequest, conflict, forbidden } from '../errors.js';
import { cst } from '../lib/time.js';

const hm = (ms: number) => cst(ms).format('M月D日 HH:mm');

export const activityErrors = {
  cancelled: () => conflict('ACTIVITY_CANCELLED', '活动已取消'),
  closed: () => conflict('ACTIVITY_CLOSED', '活动已结束，签到已关闭'),
  notStarted: () => conflict('ACTIVITY_NOT_STARTED', '活动尚未开始'),
  notOpen: (opensAt: number) => conflict('CHECKIN_NOT_OPEN', `签到尚未开始，请在${hm(opensAt)}之后签到`),
  windowClosed: (closedAt: number) =>
    conflict('CHECKIN_WINDOW_CLOSED', `签到时间已过（截至${hm(closedAt)}），请联系支部书记登记`),
  codeRequired: () => badRequest('CHECKIN_CODE_REQUIRED', '请扫描签到二维码，或输入 6 位签到码'),
  codeExpired: () => badRequest('CHECKIN_CODE_EXPIRED', '签到码已过期，请输入屏幕上最新的签到码'),
  codeInvalid: () => badRequest('CHECKIN_CODE_INVALID', '签到码不正确，请核对后重新输入'),
  qrMismatch: () => badRequest('CHECKIN_CODE_INVALID', '这不是本次活动的签到二维码'),
  tooManyAttempts: () => new AppError(429, 'CHECKIN_TOO_MANY_ATTEMPTS', '签到码输错次数过多，请 5 分钟后再试'),
  notInvited: () => forbidden('您不在本次活动的参加人员名单中', 'NOT_INVITED'),
  locationRequired: () => badRequest('CHECKIN_LOCATION_REQUIRED', '本次活动需要确认位置，请允许获取位置后再签到'),
  outsideGeofence: (distanceM: number) =>
    forbidden(
      `您不在活动地点附近（相距约 ${distanceM} 米），请到现场后签到，或请支部书记登记`,
      'CHECKIN_OUTSIDE_GEOFENCE',
    ),
  leaveApproved: () => conflict('LEAVE_ALREADY_APPROVED', '您的请假已获批准；如已到场，请支部书记更改记录'),
  leaveTooLate: () => conflict('LEAVE_TOO_LATE', '活动已开始，不能再请假，请直接联系支部书记'),
  leaveAfterAttending: () => conflict('LEAVE_ALREADY_ATTENDED', '您已签到，无需请假'),
  leaveDecided: () => conflict('LEAVE_ALREADY_DECIDED', '该请假申请已处理'),
  leaveMemberAttended: () => conflict('LEAVE_MEMBER_ATTENDED', '该党员已签到，不能再批准请假'),
  invalidTime: (field: string) => badRequest('INVALID_TIME', `${field}格式不正确，应为带时区的 ISO 8601 时间`),
  endsBeforeStart: () => badRequest('ACTIVITY_ENDS_BEFORE_START', '结束时间必须晚于开始时间'),
  tooLong: () => badRequest('ACTIVITY_TOO_LONG', '一次活动不能超过 3 天'),
  windowInvalid: () => badRequest('CHECKIN_WINDOW_INVALID', '签到截止时间必须晚于签到开始时间'),
  notInAudience: () => badRequest('MEMBER_NOT_IN_AUDIENCE', '所选人员不属于本次活动的范围'),
  noAudience: () => badRequest('ACTIVITY_NO_AUDIENCE', '活动范围内没有党员'),
  typeLocked: () => conflict('ACTIVITY_TYPE_LOCKED', '已有党员签到，不能再更改活动类型'),
  hasAttendance: () => conflict('ACTIVITY_HAS_ATTENDANCE', '已有党员签到，不能取消活动'),
  closerNotRecorded: () =>
    conflict(
      'CLOSER_NOT_RECORDED',
      '您本人还没有出勤记录。结束活动会把您记为缺席，而本人的出勤不能自己登记：请先用签到码签到，或请另一位管理人员为您登记后再结束',
    ),
  markTooEarly: (opensAt: number) =>
    conflict('MARK_TOO_EARLY', `签到将于${hm(opensAt)}开始，届时才能登记出席、迟到或缺席；现在可以登记请假`),
  rejectReasonRequired: () =>
    badRequest('LEAVE_REJECT_REASON_REQUIRED', '不批准请假时请填写理由（至少 2 个字），党员会看到'),
  radiusInvalid: (allowed: readonly number[]) =>
    badRequest('GEOFENCE_RADIUS_INVALID', `签到范围只能选 ${allowed.join(' / ')} 米`),
};
