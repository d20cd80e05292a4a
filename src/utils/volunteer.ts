import type { VolunteerRecord } from '@contract';
import type { TagTone } from '../components/tag';

type Status = VolunteerRecord['status'];

export const volunteerStatusLabel: Record<Status, string> = {
  pending: '待审核',
  approved: '已通过',
  rejected: '已退回',
  reversed: '已撤销',
};

export const volunteerStatusTone: Record<Status, TagTone> = {
  pending: 'amber',
  approved: 'green',
  rejected: 'red',
  reversed: 'neutral',
};

export const VOLUNTEER_CATEGORY_OPTIONS: Array<VolunteerRecord['category']> = [
  '社区服务',
  '文明创建',
  '乡村振兴',
  '应急救灾',
  '助老助残',
  '其他',
];

/** 2 小时 / 1.5 小时 */
export function formatHours(hours: number): string {
  return `${Number.isInteger(hours) ? hours : hours.toFixed(1)} 小时`;
}
