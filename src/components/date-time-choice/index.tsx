import { Picker, Text, View } from '@tarojs/components';
import { ChoiceChips } from '../choice-chips';
import { chinaWeekday, formatChina, type Moment } from '../../utils/china-time';
import {
  dateChoices,
  DURATION_CHOICES,
  durationLabel,
  instantsOf,
  START_CHOICES,
  yearRange,
  type DateTimeValue,
} from './choices';
import './index.scss';

export type { DateTimeValue } from './choices';
export { defaultMeeting, usualWeekday } from './choices';

export interface DateTimeChoiceProps {
  value: DateTimeValue;
  onChange: (value: DateTimeValue) => void;
  /** The weekday (0 Sunday … 6 Saturday) this branch usually meets on, offered first. */
  usualWeekday?: number | null;
  /** Show the 时长 row (a meeting); a deadline or a window's edge has none. */
  withDuration?: boolean;
  /** Start times offered as quick picks. */
  startChoices?: string[];
  durationChoices?: number[];
  /** Today, for tests; default the clock. */
  now?: Moment;
  className?: string;
}

/**
 * A date and time chosen in two or three taps: quick picks for the day (今天, 明天, the branch's
 * usual day this and next week), the usual start times and lengths, and a calendar limited to
 * last year … next year for anything else. Replaces wheel pickers that ran from 1970 to 2999.
 */
export function DateTimeChoice({
  value,
  onChange,
  usualWeekday = null,
  withDuration = true,
  startChoices = START_CHOICES,
  durationChoices = DURATION_CHOICES,
  now,
  className,
}: DateTimeChoiceProps) {
  const days = dateChoices(usualWeekday, now);
  const range = yearRange(now);
  const set = (patch: Partial<DateTimeValue>) => onChange({ ...value, ...patch });
  const dayOptions = days.map((d) => ({ value: d.date, label: d.label }));
  if (!days.some((d) => d.date === value.date)) {
    dayOptions.push({ value: value.date, label: formatChina(value.date, 'YYYY年M月D日') });
  }
  const startOptions = startChoices.map((t) => ({ value: t, label: t }));
  if (!startChoices.includes(value.start)) startOptions.push({ value: value.start, label: value.start });
  const durationOptions = durationChoices.map((m) => ({ value: m, label: durationLabel(m) }));
  if (!durationChoices.includes(value.minutes)) {
    durationOptions.push({ value: value.minutes, label: durationLabel(value.minutes) });
  }
  const { endsAt } = instantsOf(value);
  // Kept in three unbreakable pieces so a narrow screen never splits 14:30–16:00.
  const summary = [
    `${formatChina(value.date, 'YYYY年M月D日')} ${chinaWeekday(value.date)}`,
    withDuration ? `${value.start}–${formatChina(endsAt, 'HH:mm')}` : value.start,
    withDuration ? `（${durationLabel(value.minutes)}）` : '',
  ];

  return (
    <View className={['xf-date-time', className].filter(Boolean).join(' ')}>
      <View
        className="xf-date-time__summary"
        aria-live="polite"
        aria-label={`${summary[0]} ${summary[1]}${summary[2]}`}
      >
        {summary.filter(Boolean).map((piece) => (
          <Text key={piece} className="xf-date-time__piece">
            {piece}
          </Text>
        ))}
      </View>

      <Text className="xf-date-time__label">日期</Text>
      <ChoiceChips label="日期" options={dayOptions} value={value.date} onChange={(date) => set({ date })} />
      <Picker
        mode="date"
        value={value.date}
        start={range.start}
        end={range.end}
        onChange={(e) => set({ date: String(e.detail.value) })}
      >
        <View className="xf-date-time__more" role="button">
          其他日期…
        </View>
      </Picker>

      <Text className="xf-date-time__label">开始时间</Text>
      <ChoiceChips label="开始时间" options={startOptions} value={value.start} onChange={(start) => set({ start })} />
      <Picker mode="time" value={value.start} onChange={(e) => set({ start: String(e.detail.value) })}>
        <View className="xf-date-time__more" role="button">
          其他时间…
        </View>
      </Picker>

      {withDuration && (
        <>
          <Text className="xf-date-time__label">时长</Text>
          <ChoiceChips
            label="时长"
            options={durationOptions}
            value={value.minutes}
            onChange={(minutes) => set({ minutes })}
          />
        </>
      )}
    </View>
  );
}
