import type { PointsRule, PointsRules } from '@contract';
import { starWords } from '../../../../components/star-level';

type CapSet = PointsRules['caps'][string];

function signed(points: number): string {
  return points > 0 ? `+${points}` : String(points);
}

/**
 * The points a rule pays, in words. A rule with bounds and a non-zero default is chosen
 * by the secretary within the bounds (award, deduction); one with a zero default pays
 * nothing unless the organisation changes it (absence), which its description explains.
 */
export function rulePoints(rule: PointsRule): string {
  if (rule.min !== undefined && rule.max !== undefined && rule.points !== 0 && rule.min !== rule.max) {
    const [near, far] = rule.points < 0 ? [rule.max, rule.min] : [rule.min, rule.max];
    return `${signed(near)} 至 ${signed(far)} 分`;
  }
  return `${signed(rule.points)} 分`;
}

/** 每月最多 2 分，每年最多 8 分 (null when uncapped). */
export function capText(cap: CapSet | undefined): string | null {
  if (!cap) return null;
  const parts: string[] = [];
  if (cap.day !== undefined) parts.push(`每天最多 ${cap.day} 分`);
  if (cap.month !== undefined) parts.push(`每月最多 ${cap.month} 分`);
  if (cap.year !== undefined) parts.push(`每年最多 ${cap.year} 分`);
  return parts.length > 0 ? parts.join('，') : null;
}

/** The other rules counted against the same cap, e.g. 考试合格 and 考试满分. */
export function sharedCapWith(rule: PointsRule, rules: PointsRule[]): string[] {
  return rules
    .filter((other) => other.capGroup === rule.capGroup && other.code !== rule.code)
    .map((other) => other.label);
}

export interface StarRow {
  stars: number;
  words: string;
  range: string;
}

/** Thresholds from the top level down: 96 分及以上 五星 ... 低于 60 分 不合格. */
export function starRows(rules: Pick<PointsRules, 'starThresholds'>): StarRow[] {
  const thresholds = [...rules.starThresholds].sort((a, b) => b.min - a.min);
  const rows: StarRow[] = thresholds.map((threshold) => ({
    stars: threshold.stars,
    words: starWords(threshold.stars),
    range: `${threshold.min} 分及以上`,
  }));
  const lowest = thresholds[thresholds.length - 1];
  if (lowest) rows.push({ stars: 0, words: '不合格', range: `低于 ${lowest.min} 分` });
  return rows;
}
