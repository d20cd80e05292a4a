import { Text } from '@tarojs/components';
import { Section } from '../section';
import './index.scss';

export interface NotAMemberNoteProps {
  className?: string;
}

/** For accounts outside any branch (the API answers 403 to their points): nothing to show, nothing to retry. */
export function NotAMemberNote({ className }: NotAMemberNoteProps) {
  return (
    <Section className={['xf-not-a-member', className].filter(Boolean).join(' ')}>
      <Text className="xf-not-a-member__text">您的账号不属于任何支部，没有个人积分记录。</Text>
    </Section>
  );
}
