import { useEffect, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';

export interface StepperProps {
  /** Read aloud and shown before the control. */
  label: string;
  value: number;
  min: number;
  max: number;
  /** Shown after the number, e.g. 分. */
  unit?: string;
  error?: string;
  onChange: (value: number) => void;
}

/** A whole-number field: − and + buttons of a full tap size, and the number to type over. */
export function Stepper({ label, value, min, max, unit = '分', error, onChange }: StepperProps) {
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);
  const set = (next: number) => onChange(Math.min(max, Math.max(min, next)));
  return (
    <View className={`xf-stepper${error ? ' xf-stepper--error' : ''}`}>
      <View className="xf-stepper__row">
        <Text className="xf-stepper__label">{label}</Text>
        <View
          className={`xf-stepper__btn${value <= min ? ' xf-stepper__btn--off' : ''}`}
          role="button"
          aria-label={`${label}减一`}
          onClick={() => set(value - 1)}
        >
          −
        </View>
        <Input
          className="xf-stepper__input"
          type="number"
          value={text}
          aria-label={label}
          onInput={(e) => setText(String(e.detail.value))}
          onBlur={() => {
            const typed = Number(text.trim());
            if (text.trim() !== '' && Number.isInteger(typed)) set(typed);
            else setText(String(value));
          }}
        />
        <View
          className={`xf-stepper__btn${value >= max ? ' xf-stepper__btn--off' : ''}`}
          role="button"
          aria-label={`${label}加一`}
          onClick={() => set(value + 1)}
        >
          +
        </View>
        <Text className="xf-stepper__unit">{unit}</Text>
      </View>
      {error && <Text className="xf-stepper__error">{error}</Text>}
    </View>
  );
}
