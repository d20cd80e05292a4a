import { Text, View } from '@tarojs/components';
import type { StarLevel as StarLevelValue } from '@contract';
import './index.scss';

export interface StarLevelProps {
  level: StarLevelValue;
  /** Stars drawn in total (filled + empty); the rules have five levels. */
  max?: number;
  className?: string;
}

/** ★★★☆☆ with the level in words; 不合格 when below the lowest threshold. */
export function StarLevel({ level, max = 5, className }: StarLevelProps) {
  const rootClass = ['xf-star-level', className].filter(Boolean).join(' ');
  if (level.stars === 0) {
    return (
      <View className={rootClass} aria-label="星级：不合格">
        <Text className="xf-star-level__fail">不合格</Text>
      </View>
    );
  }
  return (
    <View className={rootClass} aria-label={`星级：${level.stars}星`}>
      {/* The API's own label (★★), then the levels not yet reached, greyed. */}
      <Text className="xf-star-level__stars xf-star-level__stars--on">{level.label}</Text>
      {level.stars < max && <Text className="xf-star-level__stars">{'★'.repeat(max - level.stars)}</Text>}
      <Text className="xf-star-level__words">{starWords(level.stars)}</Text>
    </View>
  );
}

const numerals = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 三星 */
export function starWords(stars: number): string {
  return stars === 0 ? '不合格' : `${numerals[stars] ?? stars}星`;
}
