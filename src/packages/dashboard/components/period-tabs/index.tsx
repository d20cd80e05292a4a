import { Text, View } from '@tarojs/components';
import type { PeriodKind } from '@contract';
import { PERIODS } from '../../format';
import './index.scss';

export interface PeriodTabsProps {
  value: PeriodKind;
  onChange: (period: PeriodKind) => void;
  className?: string;
}

/** 本月 / 本季度 / 本年度: three large tabs. */
export function PeriodTabs({ value, onChange, className }: PeriodTabsProps) {
  return (
    <View className={['xf-period-tabs', className].filter(Boolean).join(' ')} role="tablist">
      {PERIODS.map((p) => (
        <View
          key={p.kind}
          role="tab"
          aria-selected={p.kind === value}
          className={`xf-period-tabs__tab${p.kind === value ? ' xf-period-tabs__tab--active' : ''}`}
          onClick={() => onChange(p.kind)}
        >
          <Text>{p.label}</Text>
        </View>
      ))}
    </View>
  );
}
