import type { PointsRule, PointsRules, StarLevel } from '../contract/points.js';

/**
 * The default rule set (DESIGN.md, 积分制), on the 100-point scale. An organisation's
 * rules are stored as data, versioned; this is only what a new organisation starts with.
 */
export const defaultRules: Omit<PointsRules, 'version'> = {
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
      description: '参加主题党日活动（迟到同样计分，记为迟到）',
      points: 1,
      capGroup: 'theme_day',
      activityTypes: ['theme_day'],
    },
    {
      code: 'attend_meeting',
      label: '参加“三会一课”',
      description: '参加支部党员大会、党小组会或党课',
      points: 1,
      capGroup: 'meetings',
      activityTypes: ['general_meeting', 'group_meeting', 'party_lecture'],
    },
    { code: 'quiz_pass', label: '考试合格', description: '线上答题考试合格', points: 2, capGroup: 'quiz' },
    { code: 'quiz_full_marks', label: '考试满分', description: '线上答题考试满分加分', points: 1, capGroup: 'quiz' },
    {
      code: 'daily_practice',
      label: '完成每日一练',
      description: '完成每日一练',
      points: 1,
      capGroup: 'daily_practice',
    },
    {
      code: 'volunteer_hour',
      label: '志愿服务',
      description: '志愿服务经审核通过，每满 1 小时计 1 分',
      points: 1,
      capGroup: 'volunteer',
    },
    {
      code: 'award',
      label: '表彰奖励',
      description: '书记根据先锋岗、表彰等情况加分，须注明理由',
      points: 1,
      min: 1,
      max: 5,
      capGroup: 'award',
    },
    {
      code: 'deduction',
      label: '扣分',
      description: '书记根据违规违纪等情况扣分，须注明理由',
      points: -1,
      min: -10,
      max: -1,
      capGroup: 'deduction',
    },
    {
      code: 'adjustment',
      label: '异议调整',
      description: '处理党员异议时对原记录的更正，可加可减，须注明理由',
      points: 0,
      min: -10,
      max: 10,
      capGroup: 'adjustment',
    },
    {
      code: 'absence',
      label: '无故缺席',
      description: '无故缺席组织生活（默认不扣分，组织可设为最多扣 2 分）',
      points: 0,
      min: -2,
      max: 0,
      capGroup: 'absence',
      activityTypes: ['theme_day', 'general_meeting', 'group_meeting', 'party_lecture', 'committee_meeting'],
    },
  ],
  caps: {
    theme_day: { year: 12 },
    meetings: { year: 8 },
    quiz: { year: 8 },
    daily_practice: { month: 1 },
    volunteer: { month: 2, year: 8 },
    award: { year: 10 },
  },
  volunteerLogDays: 90,
};

const STAR = '★';

export function starLevelOf(total: number, rules: Pick<PointsRules, 'starThresholds'>): StarLevel {
  const thresholds = [...rules.starThresholds].sort((a, b) => a.min - b.min);
  let stars = 0;
  for (const t of thresholds) if (total >= t.min) stars = t.stars;
  const next = thresholds.find((t) => t.min > total);
  return {
    stars,
    label: stars === 0 ? '不合格' : STAR.repeat(stars),
    nextAt: next ? next.min - total : null,
  };
}

/** The rule that pays for attending an activity of this type, if any. */
export function attendanceRuleFor(rules: Pick<PointsRules, 'rules'>, activityType: string): PointsRule | null {
  return rules.rules.find((r) => r.code !== 'absence' && r.activityTypes?.includes(activityType)) ?? null;
}
