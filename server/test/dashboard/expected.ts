// Expected figures, computed from the inserted history (plain data), never from the code under test.
import type { History, Status } from './history.js';
import { at } from './history.js';

export const Y2025 = { from: at('2025-01-01T00:00:00+08:00'), to: at('2026-01-01T00:00:00+08:00') };
export const JUNE_2025 = { from: at('2025-06-01T00:00:00+08:00'), to: at('2025-07-01T00:00:00+08:00') };

export const round4 = (x: number) => Math.round(x * 10000) / 10000;
export const ratio = (part: number, whole: number) => (whole > 0 ? round4(part / whole) : null);

export function membersOf(h: History, branch: 'A' | 'B' | null): string[] {
  return Object.keys(h.branchOf).filter((k) => branch === null || h.branchOf[k] === branch);
}

/** Held activities in [from, to) as the given branch sees them (its own invitees only). */
export function heldActivities(h: History, branch: 'A' | 'B' | null, range: { from: number; to: number }) {
  return h.activities
    .filter((a) => a.status === 'closed' && a.startsAt >= range.from && a.startsAt < range.to)
    .map((a) => {
      const roll = Object.entries(a.roll).filter(([k]) => branch === null || h.branchOf[k] === branch);
      const count = (s: Status) => roll.filter(([, v]) => (v ?? 'absent') === s).length;
      return {
        id: a.id,
        title: a.title,
        startsAt: a.startsAt,
        roll,
        invited: roll.length,
        present: count('present'),
        late: count('late'),
        leave: count('leave'),
        absent: count('absent'),
      };
    })
    .filter((a) => a.invited > 0);
}

export function attendanceTotals(h: History, branch: 'A' | 'B' | null, range: { from: number; to: number }) {
  const held = heldActivities(h, branch, range);
  const sum = (k: 'invited' | 'present' | 'late' | 'leave' | 'absent') => held.reduce((s, a) => s + a[k], 0);
  return {
    held: held.length,
    invited: sum('invited'),
    present: sum('present'),
    late: sum('late'),
    leave: sum('leave'),
    absent: sum('absent'),
    rate: ratio(sum('present') + sum('late'), sum('invited')),
  };
}

export function quizTotals(h: History, branch: 'A' | 'B' | null, range: { from: number; to: number }) {
  const quizzes = h.quizzes.filter(
    (q) =>
      q.kind === 'exam' &&
      q.opensAt >= range.from &&
      q.opensAt < range.to &&
      (branch === null || q.branch === null || q.branch === branch),
  );
  let expected = 0;
  let participated = 0;
  let passed = 0;
  for (const q of quizzes) {
    const audience = membersOf(h, branch).filter((k) => q.branch === null || h.branchOf[k] === q.branch);
    expected += audience.length;
    for (const member of audience) {
      const mine = q.attempts.filter((a) => a.member === member);
      if (mine.length === 0) continue;
      participated += 1;
      if (mine.some((a) => a.passed)) passed += 1;
    }
  }
  return {
    quizzes: quizzes.length,
    expected,
    participated,
    passed,
    participationRate: ratio(participated, expected),
    passRate: ratio(passed, participated),
  };
}

export function volunteerHours(h: History, member: string, from: string, to: string) {
  return h.volunteer
    .filter((v) => v.member === member && v.status === 'approved' && v.servedOn >= from && v.servedOn <= to)
    .reduce((s, v) => s + v.hours, 0);
}

export function pointsTotal(h: History, member: string, year: number) {
  return (
    60 +
    h.awards
      .filter((a) => a.member === member && new Date(a.at + 8 * 3600 * 1000).getUTCFullYear() === year)
      .reduce((s, a) => s + a.delta, 0)
  );
}

export const starsOf = (total: number) =>
  total >= 96 ? 5 : total >= 90 ? 4 : total >= 80 ? 3 : total >= 70 ? 2 : total >= 60 ? 1 : 0;
