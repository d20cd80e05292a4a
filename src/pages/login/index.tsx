import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { inviteCodeFromParams } from '../../utils/invite-link';
import { H5SignIn } from './h5-sign-in';
import { WechatSignIn } from './wechat-sign-in';
import './index.scss';
import { useTextScale } from '../../hooks/useTextScale';

/**
 * H5 signs in with a seeded account in the demo mode (`npm start`), and by scanning a QR with
 * the mini-program in a real deployment (secretaries and admins only);
 * the mini-program signs in with WeChat and, the first time, a secretary's invite code.
 */
export default function LoginPage() {
  const text = useTextScale();
  const { params } = useRouter();
  const signedOut = params.signedOut === '1';
  // Sent here because a session ended (services/request.ts): say so before anything else.
  const expired = params.reason === 'expired';
  // Opened from an invite slip's QR: the code is filled in, and signing in starts at once.
  const inviteCode = inviteCodeFromParams(params);
  return (
    <View style={text.style} className="xf-page login">
      <View className="login__brand">
        <Text className="login__logo">先锋</Text>
        <Text className="login__tagline">机关党支部 · 党员之家</Text>
      </View>
      {expired && (
        <View className="login__expired" role="alert">
          登录已过期，请重新登录。登录后会回到刚才的页面。
        </View>
      )}
      {process.env.TARO_ENV === 'h5' && inviteCode && (
        <Text className="login__hint login__invite">
          您的邀请码是 {inviteCode}。请在微信中打开“先锋”小程序，输入此邀请码完成绑定。
        </Text>
      )}
      {process.env.TARO_ENV === 'h5' ? (
        <H5SignIn />
      ) : (
        <WechatSignIn autoStart={!signedOut || inviteCode !== null} initialCode={inviteCode} />
      )}
    </View>
  );
}
