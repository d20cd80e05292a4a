import type { ActivitySummary } from '@contract';
import { Text, View } from '@tarojs/components';
import { Tag } from '../../../../components/tag';
import { activityTypeLabel, formatActivityTime, myStatusChip } from '../../../../utils/activity-labels';
import './index.scss';

export interface ActivityCellProps {
  activity: ActivitySummary;
  /** Right-hand detail for a secretary's list (counts); members see their own status. */
  extra?: string;
  onClick?: () => void;
  className?: string;
}

/** One activity in a list: type, title, time, place and the reader's own status. */
export function ActivityCell({ activity, extra, onClick, className }: ActivityCellProps) {
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
