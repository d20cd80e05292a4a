import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Section } from '../../components/section';
import { XfButton } from '../../components/xf-button';
import { routes } from '../../services/routes';
import './index.scss';

/**
 * The first thing a visitor sees in the mini-program before anyone signed in: what 先锋 is, and
 * how to get the invite that binds their WeChat to the branch roster. Nothing here needs the API.
 */
export default function WelcomePage() {
  return (
    <View className="xf-page welcome">
      <View className="welcome__brand">
        <Text className="welcome__logo">先锋</Text>
        <Text className="welcome__tagline">机关党支部 · 党员之家</Text>
      </View>

      <Section title="先锋是什么">
        <Text className="welcome__text">
          先锋是机关党支部的党员参加组织生活的小程序：活动签到与请假、线上答题、登记志愿服务、查看自己的积分。
        </Text>
        <Text className="welcome__text">
          各项功能自愿使用，不统计在线时长。不方便使用手机时，书记可以在名单上为您登记。
        </Text>
      </Section>

      <Section title="怎样开始">
        <Step n={1} text="向您所在党支部的书记索取邀请码（8 位字母或数字），或扫描书记发给您的邀请二维码。" />
        <Step n={2} text="点下面的“微信登录”。第一次登录时输入邀请码，就把您的微信和党员名单中的您绑定好了。" />
        <Step n={3} text="以后打开小程序会自动登录。" />
        <Text className="welcome__note">
          只有本单位党员名单中的人员可以绑定；邀请码 72 小时内有效，过期可请书记重新发放。
        </Text>
      </Section>

      <View className="welcome__actions">
        <XfButton type="primary" size="large" block onClick={() => void Taro.navigateTo({ url: routes.login })}>
          微信登录
        </XfButton>
        <XfButton block className="welcome__privacy" onClick={() => void Taro.navigateTo({ url: routes.privacy })}>
          隐私说明
        </XfButton>
      </View>
    </View>
  );
}

function Step({ n, text }: { n: number; text: string }) {
  return (
    <View className="welcome__step">
      <Text className="welcome__step-number">{n}</Text>
      <Text className="welcome__step-text">{text}</Text>
    </View>
  );
}
