import type { ActivitySummary } from '@contract';
import { Text, View } from '@tarojs/components';
import { Tag } from '../../../../components/tag';
import {
  activityPhaseLabel,
  activityPhaseTone,
  activityTypeLabel,
  type ActivityPhase,
  formatActivityTime,
  myStatusChip,
} from '../../../../utils/activity-labels';
import './index.scss';

export interface ActivityCellProps {
  activity: ActivitySummary;
  /** Right-hand detail for a secretary's list (counts); members see their own status. */
  extra?: string;
  /** Where the activity stands (未开始 / 签到中 / … from activityPhase), for a secretary's list. */
  phase?: ActivityPhase;
  onClick?: () => void;
  className?: string;
}

/** One activity in a list: type, title, time, place and the reader's own status. */
export function ActivityCell({ activity, extra, phase, onClick, className }: ActivityCellProps) {
  const cancelled = activity.status === 'cancelled';
  const chip = myStatusChip(activity);
  return (
    <View
      className={['xf-activity-cell', className].filter(Boolean).join(' ')}
      role="button"
      hoverClass="xf-activity-cell--pressed"
      onClick={onClick}
    >
      <View className="xf-activity-cell__tags">
        <Tag tone="red">{activityTypeLabel[activity.type]}</Tag>
        {phase && !cancelled && (
          <Tag tone={activityPhaseTone[phase]} solid={phase === 'checkin'}>
            {activityPhaseLabel[phase]}
          </Tag>
        )}
        {chip && (
          <Tag tone={chip.tone} solid={chip.solid}>
            {chip.label}
          </Tag>
        )}
      </View>
      <Text className="xf-activity-cell__title">{activity.title}</Text>
      <Text className="xf-activity-cell__line">{formatActivityTime(activity.startsAt, activity.endsAt)}</Text>
      <Text className="xf-activity-cell__line">
        {activity.place}
        {activity.branch === null ? ' · 全体党员' : ''}
      </Text>
      {extra && <Text className="xf-activity-cell__extra">{extra}</Text>}
    </View>
  );
}
