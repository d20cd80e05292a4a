import { useEffect } from 'react';
import { Text, View } from '@tarojs/components';
import { QrCode } from '../../components/qr-code';
import { XfButton } from '../../components/xf-button';
import { useWebLoginTicket, type WebLoginStatus } from '../../hooks/useWebLoginTicket';
import { openAfterSignIn } from '../../services/return-to';
import { formatChina } from '../../utils/china-time';

const COVER: Partial<Record<WebLoginStatus, { title: string; hint: string; renew: boolean }>> = {
  scanned: { title: '已扫码', hint: '请在手机上点“确认登录”', renew: false },
  expired: { title: '二维码已过期', hint: '请刷新后重新扫码', renew: true },
  refused: { title: '已在手机上拒绝登录', hint: '如需登录，请刷新后重新扫码', renew: true },
  signedIn: { title: '登录成功', hint: '正在进入…', renew: false },
  error: { title: '二维码没有生成', hint: '', renew: true },
};

/** The web console's sign-in: a QR a manager scans with the mini-program (我的 → 扫码登录电脑端). */
export function WebQrSignIn() {
  const { ticket, status, account, error, renew } = useWebLoginTicket();

  useEffect(() => {
    if (status !== 'signedIn') return;
    const timer = setTimeout(() => void openAfterSignIn(), 800);
    return () => clearTimeout(timer);
  }, [status]);

  const cover = COVER[status];
  return (
    <View className="login__web">
      <Text className="login__heading">扫码登录电脑端</Text>
      <Text className="login__hint">
        请支部书记或组织管理员打开手机上的“先锋”小程序，点“我的 → 扫码登录电脑端”，扫描下方二维码。
      </Text>
      <View className="login__qr-box" aria-live="polite">
        {ticket && (
          <QrCode
            className={`login__qr${cover ? ' login__qr--covered' : ''}`}
            payload={ticket.qr}
            size={400}
            label="电脑端登录二维码"
          />
        )}
        {status === 'loading' && <Text className="login__qr-wait">正在生成二维码…</Text>}
        {cover && (
          <View className="login__qr-cover" role={status === 'error' ? 'alert' : 'status'}>
            <Text className="login__qr-cover-title">
              {status === 'signedIn' && account ? `${account.name}，登录成功` : cover.title}
            </Text>
            <Text className="login__qr-cover-hint">{status === 'error' ? (error?.message ?? '') : cover.hint}</Text>
            {cover.renew && (
              <XfButton className="login__qr-renew" type="primary" size="large" onClick={renew}>
                刷新二维码
              </XfButton>
            )}
          </View>
        )}
      </View>
      {ticket && (status === 'pending' || status === 'scanned') && (
        <Text className="login__qr-expiry">二维码 {formatChina(ticket.expiresAt, 'HH:mm')} 前有效，只能使用一次</Text>
      )}
      <View className="login__members-note">
        <Text className="login__members-note-title">党员请使用小程序</Text>
        <Text className="login__members-note-text">
          电脑端仅供支部书记和组织管理员使用。党员请在微信中搜索“先锋”小程序，签到、学习、积分都在小程序里。
        </Text>
      </View>
    </View>
  );
}
