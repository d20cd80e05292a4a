import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { InviteSheet, InviteSheetEntry } from '@contract';
import { EmptyState } from '../../../../components/empty-state';
import { PageState } from '../../../../components/page-state';
import { QrCode } from '../../../../components/qr-code';
import { XfButton } from '../../../../components/xf-button';
import { useInviteSheet } from '../../../../hooks/useInviteSheet';
import { useMe } from '../../../../hooks/useMe';
import { errorMessage } from '../../../../services/api-error';
import { issueInvite } from '../../../../services/org';
import { issueInviteSheet } from '../../../../services/roster';
import { formatChina } from '../../../../utils/china-time';
import { inviteLink } from '../../../../utils/invite-link';
import './index.scss';

/** Where the served app lives: the slip's QR opens its binding page. */
const appOrigin = () =>
  process.env.TARO_ENV === 'h5' ? `${window.location.origin}${window.location.pathname}`.replace(/\/$/, '') : API_BASE;

/**
 * The branch's members who have not bound WeChat yet, each on a slip with a one-time code and a
 * QR that opens the binding page with the code filled in; printed on H5 and cut into slips.
 * Generating codes voids the earlier ones, so it is a deliberate step; viewing issues nothing.
 */
export default function InviteSheetPage() {
  const { params } = useRouter();
  const branchId = Number(params.branchId);
  const valid = Number.isInteger(branchId) && branchId > 0;
  const sheet = useInviteSheet(valid ? branchId : null);
  // A manager's own code comes from another manager (the API refuses it), so their slip has no button.
  const me = useMe();
  const [latest, setLatest] = useState<InviteSheet | null>(null);
  const [busy, setBusy] = useState<number | 'all' | null>(null);
  const [problem, setProblem] = useState('');

  useEffect(() => {
    if (sheet.data) setLatest(sheet.data);
  }, [sheet.data]);

  if (!valid) return <EmptyState mark="!" title="没有找到这个支部" description="请返回管理页重新选择。" />;
  const shown = latest ?? sheet.data;

  const generateAll = async () => {
    if (!shown) return;
    const withCode = shown.entries.filter((e) => e.code).length;
    const { confirm } = await Taro.showModal({
      title: '生成邀请码',
      content: `将为 ${shown.entries.length} 名尚未绑定的党员生成新邀请码，有效期 3 天${
        withCode ? `；已发出的 ${withCode} 个邀请码将作废` : ''
      }。`,
      confirmText: '生成',
      cancelText: '取消',
    });
    if (!confirm) return;
    setBusy('all');
    setProblem('');
    try {
      setLatest(await issueInviteSheet(branchId));
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setBusy(null);
    }
  };

  const regenerate = async (entry: InviteSheetEntry) => {
    setBusy(entry.memberId);
    setProblem('');
    try {
      await issueInvite(branchId, entry.memberId, { silent: true });
      await sheet.reload();
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setBusy(null);
    }
  };

  return (
    <View className="xf-page invite-sheet">
      <PageState
        loading={sheet.loading && !shown}
        error={shown ? null : sheet.error}
        ready={shown !== null}
        onRetry={sheet.reload}
      >
        {shown && (
          <>
            <View className="invite-sheet__tools">
              <Text className="invite-sheet__title">{shown.branch.name}</Text>
              <Text className="invite-sheet__text">
                {shown.entries.length === 0
                  ? '没有等待绑定微信的党员：要么都已绑定，要么本支部还没有党员（请先添加或导入名册）。'
                  : `尚未绑定微信 ${shown.entries.length} 人。生成邀请码后打印，剪成小条在会上发给本人；退休党员可带回家慢慢绑定。`}
              </Text>
              {shown.issuedAt && (
                <Text className="invite-sheet__text">邀请码生成于 {formatChina(shown.issuedAt, 'M月D日 HH:mm')}</Text>
              )}
              {shown.entries.length > 0 && (
                <View className="invite-sheet__actions">
                  <XfButton
                    type="primary"
                    size="large"
                    block
                    loading={busy === 'all'}
                    onClick={() => void generateAll()}
                  >
                    为未绑定的 {shown.entries.length} 人生成邀请码
                  </XfButton>
                  {process.env.TARO_ENV === 'h5' && shown.entries.some((e) => e.code) && (
                    <XfButton size="large" block onClick={() => window.print()}>
                      打印邀请单
                    </XfButton>
                  )}
                </View>
              )}
              {problem && (
                <View className="invite-sheet__problem" role="alert">
                  {problem}
                </View>
              )}
            </View>
            <View className="invite-sheet__slips" aria-label="邀请单">
              {shown.entries.map((entry) => (
                <Slip
                  key={entry.memberId}
                  entry={entry}
                  branchName={shown.branch.name}
                  busy={busy === entry.memberId}
                  own={entry.memberId === me.data?.id}
                  onRegenerate={() => void regenerate(entry)}
                />
              ))}
            </View>
          </>
        )}
      </PageState>
    </View>
  );
}

interface SlipProps {
  entry: InviteSheetEntry;
  branchName: string;
  busy: boolean;
  /** The signed-in manager's own slip. */
  own: boolean;
  onRegenerate: () => void;
}

function Slip({ entry, branchName, busy, own, onRegenerate }: SlipProps) {
  return (
    <View className={`invite-sheet__slip${entry.code ? '' : ' invite-sheet__slip--empty'}`}>
      <Text className="invite-sheet__name">{entry.name}</Text>
      <Text className="invite-sheet__branch">{branchName}</Text>
      {entry.code && entry.bindPath ? (
        <>
          <Text className="invite-sheet__label">微信绑定邀请码</Text>
          <Text className="invite-sheet__code" aria-label={`${entry.name}的邀请码`}>
            {entry.code.slice(0, 4)} {entry.code.slice(4)}
          </Text>
          <View className="invite-sheet__slip-row">
            <Text className="invite-sheet__hint">
              用微信扫右侧二维码，或打开“先锋”小程序输入邀请码。仅限本人使用，
              {entry.expiresAt ? `${formatChina(entry.expiresAt, 'M月D日 HH:mm')}前有效` : ''}。
            </Text>
            <QrCode
              className="invite-sheet__qr"
              payload={inviteLink(entry.bindPath, appOrigin())}
              size={240}
              label={`${entry.name}的绑定二维码`}
            />
          </View>
        </>
      ) : (
        <Text className="invite-sheet__hint">暂无有效邀请码（未生成、已过期或已作废）</Text>
      )}
      {own ? (
        <Text className="invite-sheet__hint">本人的邀请码请由组织管理员或本支部其他管理人员生成。</Text>
      ) : (
        <XfButton className="invite-sheet__regenerate" loading={busy} onClick={onRegenerate}>
          {entry.code ? '重新生成' : '生成邀请码'}
        </XfButton>
      )}
    </View>
  );
}
