import { View } from '@tarojs/components';
import './index.scss';

export interface ChoiceChipsProps<T extends string | number> {
  /** A disabled option stays in view (greyed, not tappable) so the caller can say why nearby. */
  options: Array<{ value: T; label: string; disabled?: boolean }>;
  value: T | null;
  onChange: (value: T) => void;
  /** Read by screen readers for the group. */
  label?: string;
  className?: string;
}

/** A row of large, tappable choices (支部, 本月/本年, 待审核/已通过): one is chosen. */
export function ChoiceChips<T extends string | number>({
  options,
  value,
  onChange,
  label,
  className,
}: ChoiceChipsProps<T>) {
  return (
    <View className={['xf-choice-chips', className].filter(Boolean).join(' ')} role="radiogroup" aria-label={label}>
      {options.map((option) => (
        <View
          key={String(option.value)}
          role="radio"
          aria-checked={option.value === value}
          aria-disabled={option.disabled || undefined}
          className={[
            'xf-choice-chips__chip',
            option.value === value ? 'xf-choice-chips__chip--on' : '',
            option.disabled ? 'xf-choice-chips__chip--off' : '',
          ]
            .filter(Boolean)
            .join(' ')}
          onClick={() => !option.disabled && onChange(option.value)}
        >
          {option.label}
        </View>
      ))}
    </View>
  );
}
