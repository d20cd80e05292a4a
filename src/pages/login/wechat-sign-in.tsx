import { useCallback, useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { XfButton } from '../../components/xf-button';
import { errorMessage, isApiError } from '../../services/api-error';
import { bindWechat, signInWechat } from '../../services/auth';
import { openAfterSignIn } from '../../services/return-to';

type Step =
  | { kind: 'idle' }
  | { kind: 'signing-in' }
  | { kind: 'bind'; bindTicket: string }
  | { kind: 'failed'; message: string };

const INVITE_CODE = /^[0-9A-Z]{8}$/;

/** Codes are shown in capitals by the secretary; spaces and case do not matter when typing. */
export function normalizeInviteCode(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase().slice(0, 8);
}

export interface WechatSignInProps {
  /**
   * Sign in as soon as the page opens (first launch, expired session). False right after
   * 退出登录, or a bound WeChat account would be signed straight back in.
   */
  autoStart: boolean;
  /** The invite code from a scanned slip, filled in for the person. */
  initialCode?: string | null;
}

/** Taro.login -> the API; an unbound WeChat account then types the secretary's invite code. */
export function WechatSignIn({ autoStart, initialCode }: WechatSignInProps) {
  const [step, setStep] = useState<Step>(autoStart ? { kind: 'signing-in' } : { kind: 'idle' });

  const start = useCallback(async () => {
    setStep({ kind: 'signing-in' });
    try {
      const { code } = await Taro.login();
      const result = await signInWechat(code);
      if (result.status === 'bound') {
        await openAfterSignIn();
      } else {
        setStep({ kind: 'bind', bindTicket: result.bindTicket });
      }
    } catch (error) {
      setStep({ kind: 'failed', message: isApiError(error) ? error.message : '微信登录没有成功，请重试' });
    }
  }, []);

  useEffect(() => {
    if (autoStart) void start();
  }, [start, autoStart]);

  if (step.kind === 'idle') {
    return (
      <View className="login__wechat">
        <Text className="login__heading">您已退出登录</Text>
        <Text className="login__hint">需要时可随时用微信重新登录。</Text>
        <XfButton className="login__submit" type="primary" size="large" block onClick={() => void start()}>
          微信登录
        </XfButton>
      </View>
    );
  }

  if (step.kind === 'signing-in') {
    return (
      <View className="login__wechat" aria-busy="true">
        <Text className="login__heading">正在通过微信登录…</Text>
      </View>
    );
  }

  if (step.kind === 'failed') {
    return (
      <View className="login__wechat" role="alert">
        <Text className="login__heading">登录没有成功</Text>
        <Text className="login__hint">{step.message}</Text>
        <XfButton className="login__submit" type="primary" size="large" block onClick={() => void start()}>
          重新登录
        </XfButton>
      </View>
    );
  }

  return (
    <InviteCodeForm
      bindTicket={step.bindTicket}
      initialCode={initialCode ?? ''}
      onTicketExpired={(message) => setStep({ kind: 'failed', message })}
    />
  );
}

interface InviteCodeFormProps {
  bindTicket: string;
  initialCode: string;
  /** The bind ticket timed out: the WeChat sign-in must start over. */
  onTicketExpired: (message: string) => void;
}

function InviteCodeForm({ bindTicket, initialCode, onTicketExpired }: InviteCodeFormProps) {
  const [inviteCode, setInviteCode] = useState(initialCode);
  const [problem, setProblem] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async () => {
    if (!INVITE_CODE.test(inviteCode)) {
      setProblem('请输入 8 位邀请码（字母或数字）');
      return;
    }
    setProblem(null);
    setSubmitting(true);
    try {
      await bindWechat(bindTicket, inviteCode);
      await openAfterSignIn();
    } catch (error) {
      if (isApiError(error) && error.code === 'BIND_TICKET_INVALID') {
        onTicketExpired(error.message);
      } else {
        setProblem(errorMessage(error));
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <View className="login__wechat">
      <Text className="login__heading">首次使用，请绑定身份</Text>
      <Text className="login__hint">请输入支部书记发给您的 8 位邀请码。绑定后，下次打开即可直接进入。</Text>
      <Input
        className="login__code"
        value={inviteCode}
        placeholder="8 位邀请码"
        maxlength={8}
        onInput={(event) => setInviteCode(normalizeInviteCode(event.detail.value))}
        aria-label="邀请码"
      />
      {problem && <Text className="login__problem">{problem}</Text>}
      <XfButton
        className="login__submit"
        type="primary"
        size="large"
        block
        loading={submitting}
        disabled={submitting}
        onClick={() => void submit()}
      >
        绑定并登录
      </XfButton>
    </View>
  );
}
