import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { CheckInDisplay } from '@contract';
import { EmptyState } from '../../../../components/empty-state';
import { PageState } from '../../../../components/page-state';
import { XfButton } from '../../../../components/xf-button';
import { useCheckInDisplay } from '../../../../hooks/useCheckInDisplay';
import { checkIn } from '../../../../services/activities';
import { errorMessage, isApiError } from '../../../../services/api-error';
import { chinaInstant, formatChina } from '../../../../utils/china-time';
import { formatOpensAt } from '../../../../utils/activity-labels';
import { QrCode } from '../../../../components/qr-code';
import './index.scss';

/**
 * The check-in screen for a phone held up or a projector: the rotating QR and 6-digit code,
 * live counts and names. It refreshes by itself; nothing needs a tap.
 */
export default function CheckInDisplayPage() {
  const { params } = useRouter();
  const id = Number(params.id);
  const valid = Number.isInteger(id) && id > 0;
  const display = useCheckInDisplay(valid ? id : null);

  useEffect(() => {
    // A projector or a phone on the table must not dim mid-meeting (weapp only; H5 ignores it).
    if (Taro.getEnv() === Taro.ENV_TYPE.WEAPP) void Taro.setKeepScreenOn({ keepScreenOn: true }).catch(() => undefined);
  }, []);

  if (!valid) return <EmptyState mark="!" title="没有找到这个活动" />;
  return (
    <View className="checkin-display">
      <PageState loading={display.loading} error={display.error} ready={display.data !== null} onRetry={display.reload}>
        {display.data && (
          <DisplayContent display={display.data} stale={display.error !== null} reload={display.reload} />
        )}
      </PageState>
    </View>
  );
}

function DisplayContent({
  display,
  stale,
  reload,
}: {
  display: CheckInDisplay;
  stale: boolean;
  reload: () => Promise<void>;
}) {
  const { counts } = display;
  const arrived = counts.present + counts.late;
  // Judged on the server's clock, like the window itself.
  const beforeWindow = chinaInstant(display.serverTime) < chinaInstant(display.checkinOpensAt);
  return (
    <>
      <Text className="checkin-display__title">{display.title}</Text>
      {display.status === 'scheduled' && display.viewerStatus === 'pending' && (
        <SelfCheckIn display={display} reload={reload} />
      )}
      {display.status !== 'scheduled' ? (
        <Text className="checkin-display__closed">
          {display.status === 'closed' ? '活动已结束，签到已关闭' : '活动已取消'}
        </Text>
      ) : !display.windowOpen ? (
        <View className="checkin-display__code-box">
          <Text className="checkin-display__waiting">
            {beforeWindow
              ? `签到将于 ${formatOpensAt(display.checkinOpensAt)} 开始`
              : `签到已于 ${formatChina(display.checkinClosesAt, 'HH:mm')} 截止`}
          </Text>
          <Text className="checkin-display__hint">
            {beforeWindow
              ? '到时间后，这里会自动显示签到二维码和签到码，不用刷新。'
              : '还没到的同志，请书记在签到名册中登记。'}
          </Text>
          {stale && <Text className="checkin-display__warning">网络中断，正在重新连接…</Text>}
        </View>
      ) : (
        <View className="checkin-display__code-box">
          <QrCode payload={display.payload} size={480} />
          <Text className="checkin-display__code-label">签到码</Text>
          <Text className="checkin-display__code" aria-label="签到码">
            {display.code}
          </Text>
          <Text className="checkin-display__hint">
            {display.windowOpen ? '用微信扫码，或在活动页面输入签到码 · 每 15 秒自动更新' : '当前不在签到时间内'}
          </Text>
          {stale && <Text className="checkin-display__warning">网络中断，正在重新连接…</Text>}
        </View>
      )}

      <View className="checkin-display__counts">
        <Count label="应到" value={counts.invited} />
        <Count label="已到" value={arrived} strong />
        <Count label="请假" value={counts.leave} />
        <Count label="未到" value={counts.pending + counts.absent} />
      </View>

      <View className="checkin-display__names">
        <Text className="checkin-display__names-title">已签到（{arrived}）</Text>
        <View className="checkin-display__chips">
          {display.checkedIn.map((person) => (
            <Text key={person.id} className="checkin-display__chip checkin-display__chip--in">
              {person.name}
              {person.status === 'late' ? '（迟到）' : ''}
              {person.checkedInAt ? ` ${formatChina(person.checkedInAt, 'HH:mm')}` : ''}
            </Text>
          ))}
        </View>
        <Text className="checkin-display__names-title">尚未签到（{counts.pending}）</Text>
        <View className="checkin-display__chips">
          {display.notYet.map((person) => (
            <Text key={person.id} className="checkin-display__chip">
              {person.name}
            </Text>
          ))}
        </View>
      </View>
    </>
  );
}

/**
 * The secretary holding the screen is on the list too: check in with the code on screen, like
 * everyone else, or be marked by another manager (no one marks their own attendance).
 */
function SelfCheckIn({ display, reload }: { display: CheckInDisplay; reload: () => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  async function selfCheckIn() {
    setBusy(true);
    setProblem(null);
    try {
      try {
        await checkIn(display.activityId, { code: display.code }, { silent: true });
      } catch (caught) {
        if (!isApiError(caught) || caught.code !== 'CHECKIN_LOCATION_REQUIRED') throw caught;
        const here = await Taro.getLocation({ type: 'gcj02' });
        await checkIn(
          display.activityId,
          { code: display.code, lat: here.latitude, lng: here.longitude },
          { silent: true },
        );
      }
      await reload();
    } catch (caught) {
      setProblem(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }
  return (
    <View className="checkin-display__self" role="note">
      <Text className="checkin-display__self-text">
        您本人也在名单中，还没有签到。请用本机签到，或请另一位管理人员在名册中为您登记（本人不能给自己登记）。
      </Text>
      {display.windowOpen && (
        <XfButton type="primary" block loading={busy} onClick={() => void selfCheckIn()}>
          用当前签到码为本人签到
        </XfButton>
      )}
      {problem && (
        <View className="checkin-display__self-problem" role="alert">
          {problem}
        </View>
      )}
    </View>
  );
}

function Count({ label, value, strong = false }: { label: string; value: number; strong?: boolean }) {
  return (
    <View className={`checkin-display__count ${strong ? 'checkin-display__count--strong' : ''}`}>
      <Text className="checkin-display__count-value">{value}</Text>
      <Text className="checkin-display__count-label">{label}</Text>
    </View>
  );
}
