import { Text, View } from '@tarojs/components';
import type { QuestionKind } from '@contract';
import { Tag } from '../../../../components/tag';
import './index.scss';

export const KIND_LABEL: Record<QuestionKind, string> = { single: '单选题', multiple: '多选题', judge: '判断题' };
const LETTERS = 'ABCDEFGH';

export interface QuestionCardProps {
  /** 1-based number shown before the stem. */
  number: number;
  kind: QuestionKind;
  stem: string;
  options: string[];
  /** Picked option indexes, in the shown order. */
  chosen: number[];
  /** Omit to make the options read-only (a graded question). */
  onChange?: (chosen: number[]) => void;
  /** After grading: the right options, marked green; wrong picks are marked red. */
  answer?: number[];
  /** With `answer`: also say what the member chose (off where there was no choice, as in the 错题本). */
  showChosen?: boolean;
  className?: string;
}

/**
 * One question with large options and an unmistakable selected state; graded when `answer` is set.
 * A blank （ ） is drawn with no-break spaces so it never splits across lines.
 */
export function QuestionCard({
  number,
  kind,
  stem,
  options,
  chosen,
  onChange,
  answer,
  showChosen = true,
  className,
}: QuestionCardProps) {
  const toggle = (index: number) => {
    if (!onChange) return;
    if (kind !== 'multiple') onChange([index]);
    else
      onChange(chosen.includes(index) ? chosen.filter((i) => i !== index) : [...chosen, index].sort((a, b) => a - b));
  };
  return (
    <View className={['xf-question', className].filter(Boolean).join(' ')}>
      <View className="xf-question__head">
        <Tag tone="red">{KIND_LABEL[kind]}</Tag>
        {kind === 'multiple' && !answer && <Text className="xf-question__hint">可选多项</Text>}
      </View>
      <Text className="xf-question__stem">
        {number}. {stem.replace(/（\s*）/g, '（\u00a0\u00a0\u00a0）')}
      </Text>
      <View className="xf-question__options" role={kind === 'multiple' ? 'group' : 'radiogroup'}>
        {options.map((text, index) => {
          const picked = chosen.includes(index);
          const right = answer?.includes(index) ?? false;
          const state = answer ? (right ? 'right' : picked ? 'wrong' : 'plain') : picked ? 'picked' : 'plain';
          return (
            <View
              key={index}
              className={`xf-question__option xf-question__option--${state}`}
              role={kind === 'multiple' ? 'checkbox' : 'radio'}
              aria-checked={picked}
              hoverClass={onChange ? 'xf-question__option--pressed' : 'none'}
              onClick={() => toggle(index)}
            >
              <Text className="xf-question__letter">
                {kind === 'judge' ? (index === 0 ? '✓' : '✗') : LETTERS[index]}
              </Text>
              <Text className="xf-question__text">{text}</Text>
              {answer
                ? (right || picked) && (
                    <View className="xf-question__marks">
                      {right && <Text className="xf-question__mark xf-question__mark--right">正确答案</Text>}
                      {picked && <Text className="xf-question__mark">你的答案</Text>}
                    </View>
                  )
                : picked && <Text className="xf-question__mark">已选</Text>}
            </View>
          );
        })}
      </View>
      {answer && (
        <View className="xf-question__summary">
          <Text className="xf-question__summary-line">正确答案：{optionNames(kind, answer)}</Text>
          {showChosen && (
            <Text className="xf-question__summary-line">
              你的答案：{chosen.length ? optionNames(kind, chosen) : '未作答'}
            </Text>
          )}
        </View>
      )}
    </View>
  );
}

/** B、C for choices, 正确 / 错误 for a true-or-false question. */
export function optionNames(kind: QuestionKind, indexes: number[]): string {
  return [...indexes]
    .sort((a, b) => a - b)
    .map((i) => (kind === 'judge' ? (i === 0 ? '正确' : '错误') : (LETTERS[i] ?? String(i + 1))))
    .join('、');
}
