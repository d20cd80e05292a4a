// A 6-digit code has a million values and two are valid at a time, so wrong guesses are
// limited per member and activity. Kept in process memory: with several API processes
// each counts its own share (a shared limit belongs in Redis, see DESIGN.md).
const WINDOW_MS = 5 * 60_000;
const MAX_FAILURES = 10;

const failures = new Map<string, { count: number; since: number }>();

export function tooManyFailures(memberId: number, activityId: number, now: number): boolean {
  const entry = failures.get(`${memberId}:${activityId}`);
  return entry !== undefined && now - entry.since < WINDOW_MS && entry.count >= MAX_FAILURES;
}

export function recordFailure(memberId: number, activityId: number, now: number): void {
  const key = `${memberId}:${activityId}`;
  const entry = failures.get(key);
  if (!entry || now - entry.since >= WINDOW_MS) failures.set(key, { count: 1, since: now });
  else entry.count++;
  if (failures.size > 50_000) {
    for (const [k, v] of failures) if (now - v.since >= WINDOW_MS) failures.delete(k);
  }
}
