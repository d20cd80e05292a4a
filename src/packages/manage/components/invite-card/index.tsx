import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { Invite } from '@contract';
import { XfButton } from '../../../../components/xf-button';
import { formatDateTime } from '../../../../utils/format';
import './index.scss';

export interface InviteCardProps {
  invite: Invite;
  onClose: () => void;
  className?: string;
}

/** The issued code, large enough to read aloud or show across a table, with its expiry. */
export function InviteCard({ invite, onClose, className }: InviteCardProps) {
  const copy = () => {
    void Taro.setClipboardData({ data: invite.code }).catch(() => undefined);
  };

  return (
    <View className={['xf-invite', className].filter(Boolean).join(' ')} catchMove>
      <View className="xf-invite__card" role="dialog" aria-label={`${invite.memberName}的邀请码`}>
        <Text className="xf-invite__title">{invite.memberName}的邀请码</Text>
        <Text className="xf-invite__code" selectable userSelect>
          {invite.code}
        </Text>
        <Text className="xf-invite__expiry">有效期至 {formatDateTime(invite.expiresAt)}，只能使用一次</Text>
        <Text className="xf-invite__help">
          请{invite.memberName}打开“先锋”小程序，在登录页输入这 8 位邀请码完成绑定。
        </Text>
        <XfButton className="xf-invite__button" type="primary" size="large" block onClick={copy}>
          复制邀请码
        </XfButton>
        <XfButton className="xf-invite__button" size="large" block onClick={onClose}>
          关闭
        </XfButton>
      </View>
    </View>
  );
}
