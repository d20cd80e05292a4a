import { Text, View } from '@tarojs/components';
import './index.scss';

export interface Figure {
  label: string;
  value: string;
  /** A second line: the counts behind a rate. */
  note?: string;
}

/** Headline figures, two to a row, large. */
export function FigureGrid({ figures, className }: { figures: Figure[]; className?: string }) {
  return (
    <View className={['xf-figure-grid', className].filter(Boolean).join(' ')}>
      {figures.map((f) => (
        <View key={f.label} className="xf-figure-grid__item" aria-label={`${f.label} ${f.value}`}>
          <Text className="xf-figure-grid__label">{f.label}</Text>
          <Text className="xf-figure-grid__value">{f.value}</Text>
          {f.note && <Text className="xf-figure-grid__note">{f.note}</Text>}
        </View>
      ))}
    </View>
  );
}
