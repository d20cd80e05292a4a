import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { DemoAccount, DemoAccountList } from '@contract';
import { PageState } from '../../components/page-state';
import { Tag } from '../../components/tag';
import type { AsyncState } from '../../hooks/useAsync';
import { signInDemo } from '../../services/auth';
import { openAfterSignIn } from '../../services/return-to';
import { roleLabel } from '../../utils/labels';

/** Big tappable cards, one per seeded account: 机关第一党支部 书记, ... */
export function DemoSignIn({ accounts }: { accounts: AsyncState<DemoAccountList> }) {
  const [signingIn, setSigningIn] = useState<number | null>(null);

  const signIn = async (account: DemoAccount) => {
    if (signingIn !== null) return;
    setSigningIn(account.memberId);
    try {
      await signInDemo(account.memberId);
      await openAfterSignIn();
    } catch {
      // request() has shown the reason in a toast.
    } finally {
      setSigningIn(null);
    }
  };

  return (
    <View className="login__demo">
      <Text className="login__heading">演示登录</Text>
      <Text className="login__hint">请选择一个示例账号进入：</Text>
      <PageState
        loading={accounts.loading}
        error={accounts.error}
        ready={accounts.data !== null}
        onRetry={accounts.reload}
      >
        {accounts.data?.accounts.map((account) => (
          <View
            key={account.memberId}
            className={`login__account${signingIn === account.memberId ? ' login__account--busy' : ''}`}
            hoverClass="login__account--pressed"
            role="button"
            aria-label={`以${account.name}（${account.title}）的身份登录`}
            onClick={() => void signIn(account)}
          >
            <View className="login__account-main">
              <Text className="login__account-name">{account.name}</Text>
              <Text className="login__account-title">{account.title}</Text>
            </View>
            <View className="login__account-roles">
              {account.roles
                .filter((role) => role !== 'member')
                .map((role) => (
                  <Tag key={role} tone="red">
                    {roleLabel[role]}
                  </Tag>
                ))}
              <Text className="login__account-go">{signingIn === account.memberId ? '登录中…' : '进入 ›'}</Text>
            </View>
          </View>
        ))}
      </PageState>
    </View>
  );
}
