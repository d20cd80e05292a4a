import { Text, View } from '@tarojs/components';
import type { PointsSummary as PointsSummaryValue } from '@contract';
import { StarLevel, starWords } from '../star-level';
import './index.scss';

export interface PointsSummaryProps {
  summary: PointsSummaryValue;
  className?: string;
}

/** This year's total, big, with the star level and what the next level needs. */
export function PointsSummary({ summary, className }: PointsSummaryProps) {
  const rootClass = ['xf-points-summary', className].filter(Boolean).join(' ');
  return (
    <View className={rootClass}>
      <Text className="xf-points-summary__caption">{summary.year}年积分</Text>
      <View className="xf-points-summary__total-row">
        <Text className="xf-points-summary__total">{summary.total}</Text>
        <Text className="xf-points-summary__unit">分</Text>
      </View>
      <StarLevel className="xf-points-summary__stars" level={summary.starLevel} />
      <Text className="xf-points-summary__breakdown">
        基础分 {summary.base} 分，今年获得 {summary.earned} 分
      </Text>
      <Text className="xf-points-summary__next">{nextLevelHint(summary)}</Text>
    </View>
  );
}

/** What the next star level needs, in one sentence. */
export function nextLevelHint(summary: PointsSummaryValue): string {
  if (summary.closed) return `${summary.year}年积分已结算`;
  const { stars, nextAt } = summary.starLevel;
  if (nextAt === null) return '已达到最高星级，继续保持';
  if (stars === 0) return `再得 ${nextAt} 分即可达到合格（一星）`;
  return `再得 ${nextAt} 分可升为${starWords(stars + 1)}`;
}
