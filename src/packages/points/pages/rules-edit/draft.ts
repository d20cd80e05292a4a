// The editor's view of a rule set: which numbers it offers, grouped as DESIGN.md's table is,
// and the server's field errors placed beside them. The bounds come from the API (limits).
import type { PointsRule, PointsRules, RulesPreview } from '@contract';
import { formatChina } from '../../../../utils/china-time';

export type CapPeriod = 'day' | 'month' | 'year';
export const CAP_PERIODS: Array<{ period: CapPeriod; label: string }> = [
  { period: 'day', label: '每日封顶' },
  { period: 'month', label: '每月封顶' },
  { period: 'year', label: '每年封顶' },
];
export const STAR_NAMES = ['', '一星 ★', '二星 ★★', '三星 ★★★', '四星 ★★★★', '五星 ★★★★★'];
const MANUAL = new Set(['award', 'deduction', 'absence', 'adjustment']);

export interface CapGroupView {
  group: string;
  rules: PointsRule[];
}

/** The rules paid automatically, by the cap group they share (考试合格 and 考试满分 share one). */
export function automaticGroups(rules: PointsRules): CapGroupView[] {
  const groups: CapGroupView[] = [];
  for (const rule of rules.rules) {
    if (MANUAL.has(rule.code)) continue;
    const found = groups.find((g) => g.group === rule.capGroup);
    if (found) found.rules.push(rule);
    else groups.push({ group: rule.capGroup, rules: [rule] });
  }
  return groups;
}

export const ruleOf = (rules: PointsRules, code: string) => rules.rules.find((r) => r.code === code);

/** A copy of `rules` with one number changed; `path` as the API names fields. */
export function withValue(rules: PointsRules, path: string, value: number | null): PointsRules {
  const next: PointsRules = structuredCloneRules(rules);
  const [head, a, b] = path.split('.');
  if (head === 'baseScore') next.baseScore = value ?? 0;
  else if (head === 'starThresholds') {
    const t = next.starThresholds.find((s) => s.stars === Number(a));
    if (t) t.min = value ?? 0;
  } else if (head === 'rules') {
    const rule = next.rules.find((r) => r.code === a);
    if (rule && (b === 'points' || b === 'min' || b === 'max')) rule[b] = value ?? 0;
  } else if (head === 'caps' && a && b) {
    const caps = { ...(next.caps[a] ?? {}) };
    if (value === null) delete caps[b as CapPeriod];
    else caps[b as CapPeriod] = value;
    next.caps[a] = caps;
  }
  return next;
}

function structuredCloneRules(rules: PointsRules): PointsRules {
  return JSON.parse(JSON.stringify(rules)) as PointsRules;
}

/** The server's validation details as field → message. */
export function errorsByField(details: ReadonlyArray<{ field: string; message: string }>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of details) if (!(d.field in out)) out[d.field] = d.message;
  return out;
}

/** 2026-12-01 → 2026年12月1日 */
export const dateWords = (date: string) => formatChina(date, 'YYYY年M月D日');

/** The plain-words confirmation before publishing. */
export function confirmWords(input: {
  version: number;
  effectiveFrom: string;
  today: string;
  preview: RulesPreview;
  baseChanged: boolean;
}): string {
  const when = input.effectiveFrom === input.today ? '从今天起' : `从${dateWords(input.effectiveFrom)}起`;
  const parts = [`${when}，新记的积分按第 ${input.version} 版规则计算；已经记下的积分不变。`];
  if (input.baseChanged) parts.push('基础分的改动适用于生效当年全年，今年每位党员的总分随之改变。');
  parts.push(
    input.preview.levelChanged > 0
      ? `按目前积分，${input.preview.levelChanged} 名党员的星级会变化。`
      : '按目前积分，没有党员的星级会变化。',
  );
  return parts.join('');
}
