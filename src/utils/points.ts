import type { Objection, SourceType } from '@contract';
import type { TagTone } from '../components/tag';

export const sourceLabel: Record<SourceType, string> = {
  activity: '组织生活',
  quiz_attempt: '线上答题',
  daily_practice: '每日一练',
  volunteer_record: '志愿服务',
  manual: '书记加减分',
  reversal: '冲正',
};

export const objectionStatusLabel: Record<Objection['status'], string> = {
  pending: '处理中',
  reversed: '已冲正',
  adjusted: '已调整',
  rejected: '未采纳',
};

export const objectionStatusTone: Record<Objection['status'], TagTone> = {
  pending: 'amber',
  reversed: 'green',
  adjusted: 'green',
  rejected: 'neutral',
};
