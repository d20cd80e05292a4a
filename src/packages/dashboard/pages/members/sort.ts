import type { MemberParticipation } from '@contract';

export type SortKey = 'name' | 'attendance' | 'quizzes' | 'volunteer' | 'points' | 'last';

export const SORTS: Array<{ key: SortKey; label: string }> = [
  { key: 'name', label: '姓名' },
  { key: 'attendance', label: '出席' },
  { key: 'quizzes', label: '答题' },
  { key: 'volunteer', label: '志愿' },
  { key: 'points', label: '积分' },
  { key: 'last', label: '最近参与' },
];

const attendanceShare = (m: MemberParticipation) => (m.invited > 0 ? m.attended / m.invited : -1);

const compare: Record<SortKey, (a: MemberParticipation, b: MemberParticipation) => number> = {
  name: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
  attendance: (a, b) => attendanceShare(a) - attendanceShare(b) || a.attended - b.attended,
  quizzes: (a, b) => a.quizzesPassed - b.quizzesPassed,
  volunteer: (a, b) => a.volunteerHours - b.volunteerHours,
  points: (a, b) => a.points - b.points,
  last: (a, b) => (a.lastParticipation ?? '').localeCompare(b.lastParticipation ?? ''),
};

/** A sorted copy; ties keep roster order. */
export function sortMembers(members: MemberParticipation[], key: SortKey, descending: boolean): MemberParticipation[] {
  return members
    .map((m, i) => ({ m, i }))
    .sort((x, y) => (descending ? -1 : 1) * compare[key](x.m, y.m) || x.i - y.i)
    .map(({ m }) => m);
}
