import { useEffect, useState } from 'react';
import Taro, { useRouter, useUnload } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { Section } from '../../components/section';
import { XfButton } from '../../components/xf-button';
import {
  answerPrivacy,
  PRIVACY_AGREE_BUTTON_ID,
  privacyPageClosed,
  privacyPending,
  privacyShown,
} from '../../utils/privacy';
import './index.scss';

/**
 * 隐私说明: what 先锋 collects, why, and how long it is kept, in plain words. Opened by WeChat's
 * privacy check (`?ask=1`, with 同意 / 不同意) or from 我的 and the welcome page to read.
 */
export default function PrivacyPage() {
  const { params } = useRouter();
  const [asking, setAsking] = useState(() => params.ask === '1' && privacyPending());

  useEffect(() => {
    if (asking) privacyShown();
  }, [asking]);
  // Leaving with the back button answers 不同意: the held call must not hang.
  useUnload(() => privacyPageClosed());

  const answer = (agree: boolean) => {
    answerPrivacy(agree);
    setAsking(false);
    void Taro.navigateBack().catch(() => undefined);
  };

  return (
    <View className="xf-page privacy">
      <Text className="privacy__lead">先锋只收集办理党支部事务所必需的信息。下面说明收集什么、为什么、保存多久。</Text>
      <Section title="位置（仅用于有签到范围的活动）">
        <Text className="privacy__text">
          只有当活动设置了“签到范围”，您在签到的那一刻，小程序才读取一次位置，用来确认您在活动地点附近。
          不在后台定位，不记录行踪；服务器只比对距离，不保存您的位置坐标。
        </Text>
        <Text className="privacy__text">不同意也没关系：可以请书记在名单上为您登记出勤。</Text>
      </Section>
      <Section title="照片（仅在您自己添加时）">
        <Text className="privacy__text">
          登记志愿服务时，您可以自愿添加最多 3
          张照片作为记录，照片不是必需的。只有您选中的照片会上传，相册里的其他照片不会被读取。
        </Text>
        <Text className="privacy__text">
          照片随这条志愿服务记录保存，作为支部台账的一部分，只有您本人和本支部书记、本单位组织管理员能看到。记录待审核或被退回时，您可以删除或更换照片。
        </Text>
      </Section>
      <Section title="微信身份">
        <Text className="privacy__text">
          登录时使用微信提供的身份标识，把您的微信与党员名单中的您绑定，不读取昵称、头像和手机号。退出登录后，可随时用微信重新登录。
        </Text>
      </Section>
      <Section title="我们不做的事">
        <Text className="privacy__text">
          不统计在线时长、不记录浏览行为、不以登录次数计算积分；消息提醒只在您自己选择后发送，可在“我的”中随时取消。
        </Text>
      </Section>

      {asking && (
        <View className="privacy__actions">
          <Text className="privacy__question">您刚才的操作需要用到上面所说的信息。是否同意？</Text>
          <Button
            id={PRIVACY_AGREE_BUTTON_ID}
            className="privacy__agree"
            openType="agreePrivacyAuthorization"
            onAgreePrivacyAuthorization={() => answer(true)}
          >
            同意并继续
          </Button>
          <XfButton block size="large" className="privacy__refuse" onClick={() => answer(false)}>
            不同意
          </XfButton>
        </View>
      )}
    </View>
  );
}
