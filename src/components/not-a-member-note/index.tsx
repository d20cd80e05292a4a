import Taro from '@tarojs/taro';
import { Text } from '@tarojs/components';
import { routes } from '../../services/routes';
import { Section } from '../section';
import { XfButton } from '../xf-button';
import './index.scss';

export interface NotAMemberNoteProps {
  /**
   * The account manages (an org admin outside any branch): say where their work is instead of
   * leaving them on a member's page; `withLink` adds the way there.
   */
  manager?: { withLink: boolean };
  className?: string;
}

/** For accounts outside any branch (the API answers 403 to their points): nothing to show, nothing to retry. */
export function NotAMemberNote({ manager, className }: NotAMemberNoteProps) {
  return (
    <Section className={['xf-not-a-member', className].filter(Boolean).join(' ')}>
      <Text className="xf-not-a-member__text">您的账号不属于任何支部，没有个人积分记录。</Text>
      {manager && (
        <Text className="xf-not-a-member__text">
          签到、答题、志愿服务和个人积分只面向支部党员；您作为组织管理员的工作都在“管理”里。
        </Text>
      )}
      {manager?.withLink && (
        <XfButton
          className="xf-not-a-member__action"
          type="primary"
          block
          onClick={() => void Taro.navigateTo({ url: routes.manage })}
        >
          进入管理
        </XfButton>
      )}
    </Section>
  );
}
