// Typed API responses for app tests, shaped by the contract so a contract change breaks them.
import type {
  BranchList,
  DemoAccountList,
  Invite,
  LedgerEntry,
  Me,
  MyPoints,
  PointsRules,
  PointsSummary,
  Roster,
  Session,
} from '@contract';

export const session: Session = { token: 'token-abc', expiresAt: '2099-01-01T00:00:00.000+08:00' };

export const summary: PointsSummary = {
  year: 2026,
  base: 60,
  earned: 18,
  total: 78,
  starLevel: { stars: 2, label: '★★', nextAt: 2 },
  closed: false,
};

const org = { id: 1, name: '示例市机关党委' };
const branch1 = { id: 11, name: '机关第一党支部' };

export const member: Me = {
  id: 101,
  name: '李建华',
  phone: '138****5678',
  politicalStatus: 'full',
  employment: 'in_service',
  joinedPartyOn: '2008-07-01',
  org,
  branch: branch1,
  roles: ['member'],
  grants: [{ role: 'member', branchId: null }],
  points: summary,
};

export const secretary: Me = {
  ...member,
  id: 100,
  name: '王秀英',
  roles: ['member', 'secretary'],
  grants: [
    { role: 'member', branchId: null },
    { role: 'secretary', branchId: branch1.id },
  ],
};

export const orgAdmin: Me = {
  ...member,
  id: 1,
  name: '张国强',
  branch: null,
  roles: ['org_admin'],
  grants: [{ role: 'org_admin', branchId: null }],
  points: null,
};

function entry(overrides: Partial<LedgerEntry> & Pick<LedgerEntry, 'id'>): LedgerEntry {
  return {
    memberId: member.id,
    year: 2026,
    delta: 1,
    ruleCode: 'attend_theme_day',
    ruleLabel: '参加主题党日',
    ruleVersion: 1,
    sourceType: 'activity',
    sourceId: String(overrides.id),
    sourceTitle: '3月主题党日：学习党章',
    reason: null,
    cappedFrom: null,
    capNote: null,
    reversesEntryId: null,
    reversedByEntryId: null,
    correctsEntryId: null,
    actorId: null,
    occurredAt: '2026-03-05T09:30:00.000+08:00',
    ...overrides,
    // The real time follows the date the fixture gives, unless it names one.
    recordedAt: overrides.recordedAt ?? overrides.occurredAt ?? '2026-03-05T09:30:00.000+08:00',
  };
}

export const myPoints: MyPoints = {
  summary,
  recent: [
    entry({ id: 1 }),
    entry({
      id: 2,
      delta: 2,
      ruleCode: 'quiz_pass',
      ruleLabel: '考试合格',
      sourceType: 'quiz_attempt',
      sourceTitle: '党章知识测试',
      occurredAt: '2026-04-12T15:00:00.000+08:00',
    }),
    entry({
      id: 3,
      delta: 2,
      ruleCode: 'volunteer_hour',
      ruleLabel: '志愿服务',
      sourceType: 'volunteer_record',
      sourceTitle: '社区服务',
      occurredAt: '2026-05-20T10:00:00.000+08:00',
    }),
  ],
};

export const rules: PointsRules = {
  version: 1,
  baseScore: 60,
  starThresholds: [
    { stars: 1, min: 60 },
    { stars: 2, min: 70 },
    { stars: 3, min: 80 },
    { stars: 4, min: 90 },
    { stars: 5, min: 96 },
  ],
  rules: [
    {
      code: 'attend_theme_day',
      label: '参加主题党日',
      description: '参加主题党日活动',
      points: 1,
      capGroup: 'theme_day',
    },
    { code: 'quiz_pass', label: '考试合格', description: '线上答题考试合格', points: 2, capGroup: 'quiz' },
    { code: 'quiz_full_marks', label: '考试满分', description: '线上答题考试满分加分', points: 1, capGroup: 'quiz' },
    {
      code: 'award',
      label: '表彰奖励',
      description: '书记加分，须注明理由',
      points: 1,
      min: 1,
      max: 5,
      capGroup: 'award',
    },
    {
      code: 'deduction',
      label: '扣分',
      description: '书记扣分，须注明理由',
      points: -1,
      min: -10,
      max: -1,
      capGroup: 'deduction',
    },
    { code: 'absence', label: '无故缺席', description: '默认不扣分', points: 0, min: -2, max: 0, capGroup: 'absence' },
  ],
  caps: {
    theme_day: { year: 12 },
    quiz: { year: 8 },
    volunteer: { month: 2, year: 8 },
    award: { year: 10 },
  },
};

export const demoAccounts: DemoAccountList = {
  accounts: [
    { memberId: 1, name: '张国强', title: '示例市机关党委 管理员', roles: ['org_admin'], branchName: null },
    {
      memberId: 100,
      name: '王秀英',
      title: '机关第一党支部 书记',
      roles: ['member', 'secretary'],
      branchName: '机关第一党支部',
    },
    { memberId: 101, name: '李建华', title: '机关第一党支部 党员', roles: ['member'], branchName: '机关第一党支部' },
  ],
};

export const roster: Roster = {
  branch: branch1,
  members: [
    {
      id: 100,
      name: '王秀英',
      phone: '13800001111',
      politicalStatus: 'full',
      employment: 'in_service',
      joinedPartyOn: '2001-07-01',
      branch: branch1,
      roles: ['member', 'secretary'],
      wechatBound: true,
    },
    {
      id: 102,
      name: '赵敏',
      phone: '13900002222',
      politicalStatus: 'probationary',
      employment: 'retired',
      joinedPartyOn: '2025-12-01',
      branch: branch1,
      roles: ['member'],
      wechatBound: false,
    },
  ],
};

export const branches: BranchList = {
  org,
  branches: [
    {
      id: 11,
      name: '机关第一党支部',
      memberCount: 12,
      secretaries: [{ id: 100, name: '王秀英' }],
      managers: [],
      unboundCount: 2,
      archived: false,
    },
    {
      id: 14,
      name: '退休干部党支部',
      memberCount: 20,
      secretaries: [],
      managers: [],
      unboundCount: 0,
      archived: false,
    },
  ],
};

export const invite: Invite = {
  code: 'K7PX2M9Q',
  memberId: 102,
  memberName: '赵敏',
  expiresAt: '2026-11-29T18:00:00.000+08:00',
};
