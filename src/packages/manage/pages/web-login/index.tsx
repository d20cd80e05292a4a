import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { PageState } from '../../../../components/page-state';
import { Section } from '../../../../components/section';
import { XfButton } from '../../../../components/xf-button';
import { useAsync } from '../../../../hooks/useAsync';
import {
  decideWebTicket,
  parseWebLoginParam,
  parseWebLoginQr,
  revokeWebSessions,
  scanWebTicket,
  webLoginParam,
  type WebLoginQr,
} from '../../../../services/web-login';
import { formatChina } from '../../../../utils/china-time';
import { showNotice } from '../../../../utils/notice';
import './index.scss';

/**
 * 扫码登录电脑端, on the phone. Opened from 我的 it offers the scanner and 退出所有电脑端登录;
 * with `t=<id>.<code>` (after a scan) it asks "在电脑上登录先锋？" with the computer's browser
 * and time, and confirms or refuses.
 */
export default function WebLoginPage() {
  const { params } = useRouter();
  const [qr, setQr] = useState<WebLoginQr | null>(() => parseWebLoginParam(params.t));
  const [notQr, setNotQr] = useState(false);

  const scan = async () => {
    try {
      const scanned = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      const parsed = parseWebLoginQr(scanned.result);
      setNotQr(!parsed);
      if (parsed) setQr(parsed);
    } catch {
      // The scanner was closed: nothing to report.
    }
  };

  return (
    <View className="xf-page web-login">
      {qr ? (
        <ConfirmWebLogin key={webLoginParam(qr)} qr={qr} onScanAgain={() => void scan()} />
      ) : (
        <>
          <Section title="扫码登录电脑端">
            <Text className="web-login__intro">
              在电脑浏览器中打开先锋，页面上会显示二维码。用本小程序扫码并确认后，电脑即可登录，权限与您在小程序中相同。
            </Text>
            {process.env.TARO_ENV === 'weapp' ? (
              <XfButton type="primary" size="large" block onClick={() => void scan()}>
                扫一扫
              </XfButton>
            ) : (
              <Text className="web-login__intro">请在手机上的“先锋”小程序中扫码。</Text>
            )}
            {notQr && (
              <View className="web-login__problem" role="alert">
                这不是先锋电脑端的登录二维码，请扫描电脑屏幕上的二维码。
              </View>
            )}
          </Section>
          <SignOutComputers />
        </>
      )}
    </View>
  );
}

function ConfirmWebLogin({ qr, onScanAgain }: { qr: WebLoginQr; onScanAgain: () => void }) {
  const preview = useAsync(() => scanWebTicket(qr), { key: webLoginParam(qr), reloadOnShow: false });
  const [busy, setBusy] = useState<'confirm' | 'refuse' | null>(null);
  const [done, setDone] = useState<'confirmed' | 'refused' | null>(null);

  const decide = async (decision: 'confirm' | 'refuse') => {
    if (busy) return;
    setBusy(decision);
    try {
      setDone((await decideWebTicket(qr, decision)).status);
    } catch {
      // request() has shown the reason in a toast.
    } finally {
      setBusy(null);
    }
  };

  if (done) {
    return (
      <View className="web-login__done" role="status">
        <Text className="web-login__mark">{done === 'confirmed' ? '✓' : '✕'}</Text>
        <Text className="web-login__title">{done === 'confirmed' ? '已确认，电脑正在登录' : '已拒绝这次登录'}</Text>
        <Text className="web-login__intro">
          {done === 'confirmed'
            ? '用完电脑后请点“退出登录”。忘了退出，也可以在这里“退出所有电脑端登录”。'
            : '电脑不会登录。如果不是您本人在操作，请放心，您的账号是安全的。'}
        </Text>
        <XfButton size="large" block onClick={() => void Taro.navigateBack().catch(() => undefined)}>
          返回
        </XfButton>
      </View>
    );
  }

  return (
    <PageState
      loading={preview.loading}
      error={preview.error}
      ready={preview.data !== null}
      onRetry={process.env.TARO_ENV === 'weapp' ? onScanAgain : preview.reload}
    >
      {preview.data && (
        <View className="web-login__ask">
          <View className="web-login__computer" aria-hidden>
            <View className="web-login__screen" />
            <View className="web-login__stand" />
          </View>
          <Text className="web-login__title">在电脑上登录先锋？</Text>
          <View className="web-login__facts">
            <View className="web-login__fact">
              <Text className="web-login__fact-label">浏览器</Text>
              <Text className="web-login__fact-value">{preview.data.browser}</Text>
            </View>
            <View className="web-login__fact">
              <Text className="web-login__fact-label">时间</Text>
              <Text className="web-login__fact-value">{formatChina(preview.data.createdAt, 'M月D日 HH:mm')}</Text>
            </View>
          </View>
          <Text className="web-login__intro">如果不是您本人在电脑前操作，请点“拒绝”。</Text>
          <XfButton
            type="primary"
            size="large"
            block
            loading={busy === 'confirm'}
            onClick={() => void decide('confirm')}
          >
            确认登录
          </XfButton>
          <XfButton
            className="web-login__refuse"
            size="large"
            block
            loading={busy === 'refuse'}
            onClick={() => void decide('refuse')}
          >
            拒绝
          </XfButton>
        </View>
      )}
    </PageState>
  );
}

function SignOutComputers() {
  const [busy, setBusy] = useState(false);
  const signOutAll = async () => {
    const { confirm } = await Taro.showModal({
      title: '退出所有电脑端登录',
      content: '用本账号登录的所有电脑都会退出，小程序不受影响。',
      confirmText: '全部退出',
      confirmColor: '#C8161D',
      cancelText: '取消',
    });
    if (!confirm) return;
    setBusy(true);
    try {
      const { ended } = await revokeWebSessions();
      void showNotice(ended > 0 ? `已退出 ${ended} 台电脑` : '没有登录中的电脑');
    } catch {
      // request() has shown the reason in a toast.
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section title="已登录的电脑">
      <Text className="web-login__intro">忘了在电脑上退出？可以在这里让所有电脑退出登录。</Text>
      <XfButton size="large" block loading={busy} onClick={() => void signOutAll()}>
        退出所有电脑端登录
      </XfButton>
    </Section>
  );
}
