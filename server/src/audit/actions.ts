// What each audited action is called in Chinese and which kind it belongs to. The codes
// are the `action` strings the call sites of `audit()` write; an action missing here is
// still listed, under 其他, by its code.
import type { AuditKind } from '../contract/audit.js';

interface ActionInfo {
  label: string;
  kind: Exclude<AuditKind, 'other'>;
}

export const AUDIT_ACTIONS: Record<string, ActionInfo> = {
  'points.award': { label: '加分', kind: 'points' },
  'points.deduct': { label: '扣分', kind: 'points' },
  'points.reverse': { label: '冲正', kind: 'points' },
  'objection.resolve': { label: '处理积分异议', kind: 'points' },
  'points.year_close': { label: '年度积分结算', kind: 'points' },
  'points.year_publish': { label: '年度积分公示', kind: 'points' },
  'points.rules_publish': { label: '发布积分规则', kind: 'points' },
  'attendance.mark': { label: '登记出勤', kind: 'attendance' },
  'leave.approve': { label: '批准请假', kind: 'attendance' },
  'leave.reject': { label: '驳回请假', kind: 'attendance' },
  'activity.close': { label: '结束活动', kind: 'attendance' },
  'activity.create': { label: '创建活动', kind: 'activity' },
  'activity.update': { label: '修改活动', kind: 'activity' },
  'activity.cancel': { label: '取消活动', kind: 'activity' },
  'activity.record': { label: '填写会议记录', kind: 'activity' },
  'volunteer.approve': { label: '通过志愿服务', kind: 'volunteer' },
  'volunteer.reject': { label: '退回志愿服务', kind: 'volunteer' },
  'volunteer.reverse': { label: '撤销志愿服务', kind: 'volunteer' },
  'question.create': { label: '新增题目', kind: 'study' },
  'question.update': { label: '修改题目', kind: 'study' },
  'question.archive': { label: '停用题目', kind: 'study' },
  'question.import': { label: '导入题目', kind: 'study' },
  'quiz.create': { label: '发布答题', kind: 'study' },
  'invite.issue': { label: '发放邀请码', kind: 'account' },
  'invite.sheet': { label: '生成支部邀请单', kind: 'account' },
  'roster.import': { label: '导入名册', kind: 'account' },
  'wechat.bind': { label: '绑定微信', kind: 'account' },
  'web.sign_in': { label: '扫码登录电脑端', kind: 'account' },
  'web.sign_in_refuse': { label: '拒绝电脑端登录', kind: 'account' },
  'web.sign_out_all': { label: '退出所有电脑端登录', kind: 'account' },
  'org.settings': { label: '修改排名设置', kind: 'account' },
  'org.setup': { label: '创建组织（初始化）', kind: 'account' },
  'branch.create': { label: '新建支部', kind: 'account' },
  'branch.rename': { label: '修改支部名称', kind: 'account' },
  'branch.archive': { label: '撤销支部', kind: 'account' },
  'role.grant': { label: '任命职务', kind: 'account' },
  'role.revoke': { label: '免去职务', kind: 'account' },
  'member.create': { label: '添加党员', kind: 'account' },
  'member.update': { label: '修改党员信息', kind: 'account' },
  'member.retire': { label: '登记退休', kind: 'account' },
  'member.unretire': { label: '改为在职', kind: 'account' },
  'member.move': { label: '组织关系转接', kind: 'account' },
  'member.deactivate': { label: '停用党员', kind: 'account' },
  'member.reactivate': { label: '恢复党员', kind: 'account' },
};

export const KIND_LABELS: Record<AuditKind, string> = {
  points: '积分',
  attendance: '出勤与请假',
  activity: '活动',
  volunteer: '志愿服务',
  study: '题库与答题',
  account: '账号与设置',
  other: '其他',
};

export const kindOf = (action: string): AuditKind => AUDIT_ACTIONS[action]?.kind ?? 'other';
export const labelOf = (action: string): string => AUDIT_ACTIONS[action]?.label ?? `其他操作（${action}）`;

/** The action codes of a kind; for `other`, the codes that are known (to exclude). */
export const actionsOfKind = (kind: AuditKind): string[] =>
  Object.entries(AUDIT_ACTIONS)
    .filter(([, info]) => kind === 'other' || info.kind === kind)
    .map(([code]) => code);

/**
 * Actions that change a member's points or attendance: what a member sees about themself.
 * (volunteer.reject changes neither, but tells the member why their hours were not paid.)
 */
export const MEMBER_VISIBLE_ACTIONS = [
  'points.award',
  'points.deduct',
  'points.reverse',
  'objection.resolve',
  'attendance.mark',
  'leave.approve',
  'leave.reject',
  'volunteer.approve',
  'volunteer.reject',
  'volunteer.reverse',
];
