import { useState } from 'react';
import { Input, Textarea, View } from '@tarojs/components';
import { XfButton } from '../xf-button';
import './index.scss';

export interface ReasonFormProps {
  /** The button that confirms, e.g. 确认退回. */
  confirmText: string;
  placeholder?: string;
  busy?: boolean;
  /** A several-line box, for a reason that takes a few sentences (an objection). */
  multiline?: boolean;
  /** Default 200. */
  maxLength?: number;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
  className?: string;
}

/** An inline "why" box for actions that need a reason (退回, 撤销, 不予采纳): at least 2 characters. */
export function ReasonForm({
  confirmText,
  placeholder = '请填写理由',
  busy,
  multiline = false,
  maxLength = 200,
  onConfirm,
  onCancel,
  className,
}: ReasonFormProps) {
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <View className={['xf-reason-form', className].filter(Boolean).join(' ')}>
      {multiline ? (
        <Textarea
          className="xf-reason-form__input xf-reason-form__input--multiline"
          placeholderClass="xf-reason-form__placeholder"
          value={reason}
          placeholder={placeholder}
          maxlength={maxLength}
          onInput={(e) => setReason(e.detail.value)}
        />
      ) : (
        <Input
          className="xf-reason-form__input"
          value={reason}
          placeholder={placeholder}
          maxlength={maxLength}
          onInput={(e) => setReason(e.detail.value)}
        />
      )}
      {problem && (
        <View className="xf-reason-form__problem" role="alert">
          {problem}
        </View>
      )}
      <View className="xf-reason-form__actions">
        <XfButton onClick={onCancel}>取消</XfButton>
        <XfButton
          type="primary"
          loading={busy}
          onClick={() => {
            if (reason.trim().length < 2) return setProblem('理由至少 2 个字');
            setProblem(null);
            onConfirm(reason.trim());
          }}
        >
          {confirmText}
        </XfButton>
      </View>
    </View>
  );
}
