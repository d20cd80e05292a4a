// Pure rules of the quiz: drawing, shuffling, grading and the plausibility check.
// No database here, so the rules are easy to read and to test.
import { randomInt } from 'node:crypto';
import type { QuestionKind } from '../contract/quiz.js';

/** Multiple choice: a correct subset with no wrong pick earns half. */
export const PARTIAL_CREDIT = 0.5;

/** Fisher-Yates with the crypto generator: members cannot predict the order. */
export function shuffle<T>(items: readonly T[], rand: (n: number) => number = randomInt): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rand(i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** The shown order of a question's options: true/false keeps 正确 before 错误. */
export function optionOrder(kind: QuestionKind | string, optionCount: number, rand?: (n: number) => number): number[] {
  const identity = Array.from({ length: optionCount }, (_, i) => i);
  return kind === 'judge' ? identity : shuffle(identity, rand);
}

const sorted = (xs: readonly number[]) => [...new Set(xs)].sort((a, b) => a - b);

/** Credit for one question, from the original option indexes picked. */
export function gradeQuestion(
  kind: QuestionKind | string,
  answer: readonly number[],
  chosen: readonly number[],
): number {
  const picked = sorted(chosen);
  const right = sorted(answer);
  if (picked.length === 0) return 0;
  const exact = picked.length === right.length && picked.every((x, i) => x === right[i]);
  if (exact) return 1;
  if (kind !== 'multiple') return 0;
  return picked.every((x) => right.includes(x)) ? PARTIAL_CREDIT : 0;
}

/** A score out of 100 from the credits, rounded; full marks only when every question is exact. */
export function scoreOf(credits: readonly number[]): number {
  if (credits.length === 0) return 0;
  const sum = credits.reduce((a, b) => a + b, 0);
  const score = Math.round((100 * sum) / credits.length);
  // Rounding must not turn a long paper with one half-right answer into full marks.
  return score === 100 && credits.some((c) => c < 1) ? 99 : score;
}

/** Shown positions -> original option indexes; positions outside the options are dropped. */
export function toOriginal(order: readonly number[], shown: readonly number[]): number[] {
  return sorted(shown.filter((p) => p >= 0 && p < order.length).map((p) => order[p] as number));
}

/** Original option indexes -> shown positions. */
export function toShown(order: readonly number[], original: readonly number[]): number[] {
  return sorted(original.map((o) => order.indexOf(o)).filter((p) => p >= 0));
}

/**
 * The least time in which a person can read a paper: 25 characters a second and at
 * least two seconds a question. Full marks faster than this are flagged for the secretary.
 */
export function plausibleSeconds(questions: ReadonlyArray<{ stem: string; options: readonly string[] }>): number {
  let chars = 0;
  for (const q of questions) chars += q.stem.length + q.options.reduce((n, o) => n + o.length, 0);
  return Math.max(2 * questions.length, Math.round(chars / 25));
}

export interface DrawPoolQuestion {
  id: number;
  kind: string;
  tags: readonly string[];
  difficulty: number;
}

export interface DrawFilter {
  count: number;
  kinds?: readonly string[];
  tags?: readonly string[];
  difficulties?: readonly number[];
}

/** The questions a draw rule may pick from: any of the kinds, any of the tags, any of the difficulties. */
export function drawPool<Q extends DrawPoolQuestion>(bank: readonly Q[], rule: DrawFilter): Q[] {
  return bank.filter(
    (q) =>
      (!rule.kinds?.length || rule.kinds.includes(q.kind)) &&
      (!rule.tags?.length || q.tags.some((t) => rule.tags!.includes(t))) &&
      (!rule.difficulties?.length || rule.difficulties.includes(q.difficulty)),
  );
}
