import { Text, View } from '@tarojs/components';
import './index.scss';

export interface SwitchRowProps {
  /** What the switch turns on, read by screen readers as its name. */
  title: string;
  /** A second line under the title. */
  hint?: string;
  checked: boolean;
  /** Ignores taps while a change is being saved. */
  busy?: boolean;
  onChange: (next: boolean) => void;
  className?: string;
}

/** A whole-row on/off switch (the row is the tap target), e.g. 大字 in 我的. */
export function SwitchRow({ title, hint, checked, busy = false, onChange, className }: SwitchRowProps) {
  return (
    <View
      className={['xf-switch-row', className].filter(Boolean).join(' ')}
      role="switch"
      aria-label={title}
      aria-checked={checked}
      aria-busy={busy}
      onClick={() => {
        if (!busy) onChange(!checked);
      }}
    >
      <View className="xf-switch-row__text">
        <Text className="xf-switch-row__title">{title}</Text>
        {hint && <Text className="xf-switch-row__hint">{hint}</Text>}
      </View>
      <View className={`xf-switch-row__track ${checked ? 'xf-switch-row__track--on' : ''}`}>
        <View className="xf-switch-row__knob" />
      </View>
    </View>
  );
}
