import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { ActivityAttendance } from '@contract';
import { ChoiceChips } from '../../../../components/choice-chips';
import { ListCell } from '../../../../components/list-cell';
import { XfButton } from '../../../../components/xf-button';
import { routes } from '../../../../services/routes';
import { formatDate } from '../../../../utils/format';
import { activityTypeLabel, formatRate } from '../../format';

/** Rows shown at first and added by each 再显示: a year of an organisation runs to hundreds. */
export const PAGE_SIZE = 20;
const ALL = 'all';
const ORG_WIDE = 'org';

const branchKey = (a: ActivityAttendance) => (a.branch ? String(a.branch.id) : ORG_WIDE);

/**
 * Held activities with attendance, each naming its branch (identical titles recur across
 * branches), filtered by branch and type, shown a page at a time.
 */
export function ActivityList({ activities }: { activities: ActivityAttendance[] }) {
  const [branch, setBranch] = useState<string>(ALL);
  const [type, setType] = useState<string>(ALL);
  const [shown, setShown] = useState(PAGE_SIZE);

  const branches = new Map<string, string>();
  for (const a of activities) branches.set(branchKey(a), a.branch ? a.branch.name : '全单位');
  const types = [...new Set(activities.map((a) => a.type))];
  const matching = activities.filter(
    (a) => (branch === ALL || branchKey(a) === branch) && (type === ALL || a.type === type),
  );
  const visible = matching.slice(0, shown);
  const pick = (set: (value: string) => void) => (value: string) => {
    set(value);
    setShown(PAGE_SIZE);
  };

  if (activities.length === 0) return <Text className="dashboard__empty">这段时间还没有已结束的活动</Text>;
  return (
    <View>
      {branches.size > 1 && (
        <ChoiceChips
          label="支部"
          options={[{ value: ALL, label: '全部支部' }, ...[...branches].map(([value, label]) => ({ value, label }))]}
          value={branch}
          onChange={pick(setBranch)}
        />
      )}
      {types.length > 1 && (
        <ChoiceChips
          label="类型"
          options={[
            { value: ALL, label: '全部类型' },
            ...types.map((t) => ({ value: t, label: activityTypeLabel[t] ?? t })),
          ]}
          value={type}
          onChange={pick(setType)}
        />
      )}
      <Text className="dashboard__hint">
        共 {matching.length} 次活动{matching.length > visible.length ? `，显示最近 ${visible.length} 次` : ''}
      </Text>
      <View className="dashboard__list">
        {visible.map((activity) => (
          <ListCell
            key={activity.id}
            title={activity.title}
            description={`${activity.branch ? activity.branch.name : '全单位'} · ${formatDate(activity.startsAt)} · ${activityTypeLabel[activity.type] ?? activity.type} · 出席 ${activity.present + activity.late}/${activity.invited}`}
            extra={`${formatRate(activity.rate)} ›`}
            onClick={() => Taro.navigateTo({ url: `${routes.signInSheet}?activityId=${activity.id}` })}
          />
        ))}
      </View>
      {matching.length > visible.length && (
        <XfButton block onClick={() => setShown((n) => n + PAGE_SIZE)}>
          再显示 {Math.min(PAGE_SIZE, matching.length - visible.length)} 次（还有 {matching.length - visible.length}{' '}
          次）
        </XfButton>
      )}
    </View>
  );
}
