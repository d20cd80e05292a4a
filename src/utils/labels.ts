import type { Me, RosterMember } from '@contract';

type PoliticalStatus = Me['politicalStatus'];
type Employment = Me['employment'];
type Role = Me['roles'][number];

export const politicalStatusLabel: Record<PoliticalStatus, string> = {
  full: '正式党员',
  probationary: '预备党员',
};

/** Short form for dense lists (the roster). */
export const politicalStatusShort: Record<PoliticalStatus, string> = {
  full: '正式',
  probationary: '预备',
};

export const employmentLabel: Record<Employment, string> = {
  in_service: '在职',
  retired: '退休',
};

export const roleLabel: Record<Role, string> = {
  member: '党员',
  secretary: '支部书记',
  branch_manager: '支部管理人员',
  org_admin: '机关党委管理员',
};

export function wechatBoundLabel(member: Pick<RosterMember, 'wechatBound'>): string {
  return member.wechatBound ? '微信已绑定' : '微信未绑定';
}

export const deactivationReasonLabel: Record<'transferred' | 'deceased' | 'other', string> = {
  transferred: '转出',
  deceased: '去世',
  other: '其他',
};
