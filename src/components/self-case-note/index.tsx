import { View } from '@tarojs/components';
import type { Me } from '@contract';
import { type SelfCaseAction, selfCaseNote } from '../../utils/self-case';
import './index.scss';

export interface SelfCaseNoteProps {
  /** Which decision is withheld: it picks the wording (办理, 登记, 审批, 审核, 处理). */
  action: SelfCaseAction;
  /** The signed-in person: their roles say who decides instead. */
  me: Pick<Me, 'roles'>;
  className?: string;
}

/** Stands where the buttons for a manager's own case would be, and says who decides it instead. */
export function SelfCaseNote({ action, me, className }: SelfCaseNoteProps) {
  return (
    <View className={['xf-self-case-note', className].filter(Boolean).join(' ')} role="note">
      {selfCaseNote(action, me)}
    </View>
  );
}
