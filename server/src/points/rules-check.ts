// The org admin's draft of the rules: what may change, the bounds, and what a change says in
// plain words. Pure functions; the draft's structure (labels, cap groups, activity types)
// always comes from the rules in effect, only the numbers come from the draft.
import type { PointsRules, PointsRulesDraft, RulesLimits } from '../contract/points.js';
import type { CapPeriod } from '../lib/time.js';

type Rules = Omit<PointsRules, 'version' | 'effectiveFrom'>;
export interface FieldError {
  field: string;
  message: string;
}

export const RULES_LIMITS: RulesLimits = {
  baseScore: { min: 0, max: 100 },
  /** Points per occurrence of an automatic rule (attendance, quiz, practice, volunteer hour). */
  points: { min: 0, max: 10 },
  cap: { min: 0, max: 100 },
  awardMax: { min: 1, max: 10 },
  deductionMin: { min: -20, max: -1 },
  absence: { min: -2, max: 0 },
  threshold: { min: 0, max: 150 },
};

const PERIODS: CapPeriod[] = ['day', 'month', 'year'];
const PERIOD_LABEL: Record<CapPeriod, string> = { day: '每日', month: '每月', year: '每年' };
const STAR_LABEL = ['', '一星', '二星', '三星', '四星', '五星'];
const MANUAL = new Set(['award', 'deduction', 'absence', 'adjustment']);

/** A cap group's name: its rules' labels (quiz_pass + quiz_full_marks → 考试合格、考试满分). */
export function capGroupLabel(rules: Pick<Rules, 'rules'>, group: string): string {
  const labels = rules.rules.filter((r) => r.capGroup === group).map((r) => r.label);
  return labels.length > 0 ? labels.join('、') : group;
}

function wholeIn(errors: FieldError[], field: string, label: string, value: unknown, min: number, max: number) {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    errors.push({ field, message: `${label}须填写数字` });
    return false;
  }
  if (!Number.isInteger(value)) {
    errors.push({ field, message: `${label}须为整数` });
    return false;
  }
  if (value < min || value > max) {
    errors.push({ field, message: `${label}须在 ${min} 至 ${max} 之间` });
    return false;
  }
  return true;
}

/**
 * The rules the draft describes, or every problem with it (field + Chinese message), all at once.
 * `current` supplies the structure; a rule or cap group the draft leaves out keeps its numbers.
 */
export function applyDraft(current: Rules, draft: PointsRulesDraft): { rules: Rules; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const L = RULES_LIMITS;

  wholeIn(errors, 'baseScore', '基础分', draft.baseScore, L.baseScore.min, L.baseScore.max);

  const byCode = new Map(current.rules.map((r) => [r.code, r]));
  const drafted = new Map<string, PointsRulesDraft['rules'][number]>();
  for (const d of draft.rules) {
    if (!byCode.has(d.code)) errors.push({ field: `rules.${d.code}`, message: `没有名为 ${d.code} 的积分项目` });
    else drafted.set(d.code, d);
  }
  const rules = current.rules.map((rule) => {
    const d = drafted.get(rule.code);
    if (!d) return rule;
    if (rule.code === 'award') {
      const max = d.max ?? rule.max;
      const ok = wholeIn(errors, 'rules.award.max', '单次奖励上限', max, L.awardMax.min, L.awardMax.max);
      return ok ? { ...rule, max: max as number } : rule;
    }
    if (rule.code === 'deduction') {
      const min = d.min ?? rule.min;
      const ok = wholeIn(errors, 'rules.deduction.min', '单次扣分上限', min, L.deductionMin.min, L.deductionMin.max);
      return ok ? { ...rule, min: min as number } : rule;
    }
    // An objection's correction has no amount of its own to edit.
    if (rule.code === 'adjustment') return rule;
    if (rule.code === 'absence') {
      const ok = wholeIn(errors, 'rules.absence.points', '无故缺席扣分', d.points, L.absence.min, L.absence.max);
      return ok ? { ...rule, points: d.points } : rule;
    }
    const ok = wholeIn(
      errors,
      `rules.${rule.code}.points`,
      `${rule.label}每次得分`,
      d.points,
      L.points.min,
      L.points.max,
    );
    return ok ? { ...rule, points: d.points } : rule;
  });
  const next: Rules = { ...current, baseScore: draft.baseScore, rules };

  // Caps: whole numbers in bounds, no lower than one payment of the group, and a shorter
  // period's cap no higher than a longer one's.
  const groups = new Set(current.rules.filter((r) => !MANUAL.has(r.code) || r.code === 'award').map((r) => r.capGroup));
  const caps: Rules['caps'] = { ...current.caps };
  for (const [group, set] of Object.entries(draft.caps)) {
    if (!groups.has(group)) {
      errors.push({ field: `caps.${group}`, message: `没有名为 ${group} 的封顶项目` });
      continue;
    }
    const label = capGroupLabel(next, group);
    const single = Math.max(
      0,
      ...rules.filter((r) => r.capGroup === group).map((r) => (r.code === 'award' ? (r.max ?? r.points) : r.points)),
    );
    const capped: Rules['caps'][string] = {};
    let shorter: { period: CapPeriod; value: number } | null = null;
    for (const period of PERIODS) {
      const value = set[period];
      if (value === undefined || value === null) continue;
      const field = `caps.${group}.${period}`;
      const what = `${label}${PERIOD_LABEL[period]}封顶`;
      if (!wholeIn(errors, field, what, value, L.cap.min, L.cap.max)) continue;
      if (value < single) {
        errors.push({ field, message: `${what}（${value} 分）不能低于单次得分（${single} 分）` });
        continue;
      }
      if (shorter && shorter.value > value) {
        errors.push({
          field,
          message: `${what}（${value} 分）不能低于${PERIOD_LABEL[shorter.period]}封顶（${shorter.value} 分）`,
        });
        continue;
      }
      capped[period] = value;
      shorter = { period, value };
    }
    caps[group] = capped;
  }
  next.caps = caps;

  // Star thresholds: one for each of ★ to ★★★★★, whole numbers in bounds, rising with the stars.
  const stars = draft.starThresholds.map((t) => t.stars).sort((a, b) => a - b);
  if (stars.length !== 5 || stars.some((s, i) => s !== i + 1)) {
    errors.push({ field: 'starThresholds', message: '须为一星至五星各设一个门槛分' });
  } else {
    const sorted = [...draft.starThresholds].sort((a, b) => a.stars - b.stars);
    let below: { stars: number; min: number } | null = null;
    for (const t of sorted) {
      const field = `starThresholds.${t.stars}`;
      const label = `${STAR_LABEL[t.stars]}门槛分`;
      if (!wholeIn(errors, field, label, t.min, L.threshold.min, L.threshold.max)) continue;
      if (below && t.min <= below.min) {
        errors.push({ field, message: `${label}（${t.min}）须高于${STAR_LABEL[below.stars]}门槛分（${below.min}）` });
      }
      below = t;
    }
    next.starThresholds = sorted.map((t) => ({ stars: t.stars, min: t.min }));
  }

  if (draft.volunteerLogDays !== undefined) {
    wholeIn(errors, 'volunteerLogDays', '志愿服务可补登天数', draft.volunteerLogDays, 1, 366);
    next.volunteerLogDays = draft.volunteerLogDays;
  }
  return { rules: next, errors };
}

const capText = (v: number | undefined) => (v === undefined ? '不封顶' : `${v} 分`);

/** What `next` changes against `before`, one plain sentence per number. */
export function describeChanges(before: Rules, next: Rules): string[] {
  const out: string[] = [];
  if (before.baseScore !== next.baseScore) out.push(`基础分：${before.baseScore} → ${next.baseScore}`);
  for (const rule of next.rules) {
    const old = before.rules.find((r) => r.code === rule.code);
    if (!old) continue;
    if (rule.code === 'award' && old.max !== rule.max) out.push(`单次奖励上限：${old.max} → ${rule.max}`);
    else if (rule.code === 'deduction' && old.min !== rule.min) out.push(`单次扣分上限：${old.min} → ${rule.min}`);
    else if (rule.code === 'absence' && old.points !== rule.points) {
      out.push(`无故缺席扣分：${old.points} → ${rule.points}`);
    } else if (!MANUAL.has(rule.code) && old.points !== rule.points) {
      out.push(`${rule.label}每次得分：${old.points} → ${rule.points}`);
    }
  }
  const groups = new Set([...Object.keys(before.caps), ...Object.keys(next.caps)]);
  for (const group of groups) {
    for (const period of PERIODS) {
      const a = before.caps[group]?.[period];
      const b = next.caps[group]?.[period];
      if (a !== b) out.push(`${capGroupLabel(next, group)}${PERIOD_LABEL[period]}封顶：${capText(a)} → ${capText(b)}`);
    }
  }
  for (const t of next.starThresholds) {
    const old = before.starThresholds.find((o) => o.stars === t.stars);
    if (old?.min !== t.min) out.push(`${STAR_LABEL[t.stars]}门槛分：${old?.min ?? '无'} → ${t.min}`);
  }
  if ((before.volunteerLogDays ?? 90) !== (next.volunteerLogDays ?? 90)) {
    out.push(`志愿服务可补登天数：${before.volunteerLogDays ?? 90} → ${next.volunteerLogDays ?? 90}`);
  }
  return out;
}
