import type { Me } from '@contract';

/** The manager decisions the API refuses (403 SELF_REVIEW) when they are about the manager themselves. */
export type SelfCaseAction = 'points' | 'attendance' | 'leave' | 'volunteer' | 'objection' | 'record';

const WHAT: Record<SelfCaseAction, { subject: string; verb: string }> = {
  points: { subject: '您本人的加分、扣分', verb: '办理' },
  attendance: { subject: '本人的出勤', verb: '登记' },
  leave: { subject: '本人的请假', verb: '审批' },
  volunteer: { subject: '本人的志愿服务记录', verb: '审核' },
  objection: { subject: '本人的积分异议', verb: '处理' },
  record: { subject: '本人的党员信息（姓名、手机号、在职/退休、所在支部）', verb: '修改' },
};

/**
 * Who decides a manager's own case, as the API's guard routes it: an org admin's goes to another
 * org admin, a secretary's to the org admin or another manager of the branch.
 */
export function selfCaseDecider(me: Pick<Me, 'roles'>): string {
  return me.roles.includes('org_admin') ? '本单位其他组织管理员' : '组织管理员或本支部其他管理人员';
}

/** The plain sentence shown where an action on one's own case would be, e.g. 本人的出勤由…登记. */
export function selfCaseNote(action: SelfCaseAction, me: Pick<Me, 'roles'>): string {
  const { subject, verb } = WHAT[action];
  return `${subject}由${selfCaseDecider(me)}${verb}。`;
}

/** True when the item belongs to the signed-in person, whose own case they may not decide. */
export function isOwnCase(me: Pick<Me, 'id'> | null | undefined, memberId: number): boolean {
  return me?.id === memberId;
}
