// 志愿服务活动: members check out at the end with the same code as the check-in, and the hours
// between go to the secretary's volunteer review; a manager completes a missed check-out.
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Picker, Text, View } from '@tarojs/components';
import type { ActivityDetail, CheckOutResult, CheckOutRow, Me } from '@contract';
import { EmptyState } from '../../../../components/empty-state';
import { PageState } from '../../../../components/page-state';
import { Section } from '../../../../components/section';
import { SelfCaseNote } from '../../../../components/self-case-note';
import { Tag } from '../../../../components/tag';
import { XfButton } from '../../../../components/xf-button';
import { useAsync } from '../../../../hooks/useAsync';
import { useMe } from '../../../../hooks/useMe';
import { checkOut, completeCheckOut, fetchCheckOuts } from '../../../../services/activities';
import { errorMessage } from '../../../../services/api-error';
import { formatChina, isUpcoming, toChinaIso } from '../../../../utils/china-time';
import { parseCheckInPayload } from '../../../../utils/activity-labels';
import { isOwnCase } from '../../../../utils/self-case';
import './index.scss';
import { showNotice } from '../../../../utils/notice';

const REVIEW: Record<NonNullable<CheckOutResult['recordStatus']>, string> = {
  pending: '等待书记审核后计入志愿服务',
  approved: '已审核通过',
  rejected: '已退回',
  reversed: '已撤销',
};

const hours = (n: number) => `${n} 小时`;

/** Whether the member should be offered the check-out: checked in to a volunteer activity, not yet out, still in time. */
export function needsCheckOut(activity: ActivityDetail): boolean {
  return (
    activity.type === 'volunteer' &&
    activity.status !== 'cancelled' &&
    (activity.myStatus === 'present' || activity.myStatus === 'late') &&
    !activity.myCheckOut &&
    activity.checkOutClosesAt !== undefined &&
    isUpcoming(activity.checkOutClosesAt)
  );
}

/** The member's check-out and its hours, once done. */
export function MyCheckOut({ activity }: { activity: ActivityDetail }) {
  if (!activity.myCheckOut) return null;
  return (
    <Section title="我的志愿服务时长">
      <Text className="volunteer-checkout__done">
        {formatChina(activity.myCheckOut.checkedOutAt, 'HH:mm')} 签退 · {hours(activity.myCheckOut.hours)}
      </Text>
      <Text className="volunteer-checkout__text">时长按活动时间内的签到到签退计算，书记审核后计入志愿服务。</Text>
    </Section>
  );
}

/** Check-out with the same rotating code as the check-in. */
export function CheckOutForm({ activity, onDone }: { activity: ActivityDetail; onDone: () => Promise<void> }) {
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<CheckOutResult | null>(null);
  const isWeapp = Taro.getEnv() === Taro.ENV_TYPE.WEAPP;

  async function submit(proof: { code?: string; token?: string }) {
    setBusy(true);
    setError(null);
    try {
      setDone(await checkOut(activity.id, proof, { silent: true }));
      setBusy(false);
      await onDone();
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  }

  async function scan() {
    try {
      const scanned = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      const parsed = parseCheckInPayload(scanned.result);
      if (!parsed || parsed.activityId !== activity.id) {
        setError('这不是本次活动的二维码');
        return;
      }
      await submit({ token: parsed.token });
    } catch {
      // The member closed the scanner: nothing to report.
    }
  }

  if (done) {
    return (
      <Section title="签退成功">
        <Text className="volunteer-checkout__done">记录 {hours(done.hours)}</Text>
        {done.recordStatus && <Text className="volunteer-checkout__text">{REVIEW[done.recordStatus]}</Text>}
      </Section>
    );
  }
  return (
    <Section title="活动结束时签退">
      <Text className="volunteer-checkout__text">
        志愿服务时长从签到算到签退（不超出活动时间）。结束时请扫书记屏幕上的二维码，或输入同一个 6 位签到码。
      </Text>
      {isWeapp && (
        <XfButton type="primary" size="large" block loading={busy} onClick={() => void scan()}>
          扫码签退
        </XfButton>
      )}
      <Input
        className="volunteer-checkout__code"
        type="number"
        maxlength={6}
        value={code}
        placeholder="6 位数字"
        aria-label="签退码"
        onInput={(event) => setCode(event.detail.value.replace(/\D/g, '').slice(0, 6))}
      />
      {error && (
        <View className="volunteer-checkout__error" role="alert">
          {error}
        </View>
      )}
      <XfButton
        type="primary"
        size="large"
        block
        disabled={code.length !== 6}
        loading={busy}
        onClick={() => void submit({ code })}
      >
        确认签退
      </XfButton>
    </Section>
  );
}

/** For a manager: who checked in and out, the hours, and 补签退 for a missed check-out. */
export function CheckOutList({ activity }: { activity: ActivityDetail }) {
  const me = useMe().data;
  const list = useAsync(() => fetchCheckOuts(activity.id, { silent: true }), { key: activity.id });
  const missing = list.data?.items.filter((r) => r.checkedOutAt === null).length ?? 0;
  return (
    <Section title={missing > 0 ? `签退与时长（${missing} 人未签退）` : '签退与时长'}>
      <PageState loading={list.loading} error={list.error} ready={list.data !== null} onRetry={list.reload}>
        {list.data?.items.length === 0 && <EmptyState mark="—" title="还没有人签到" />}
        {list.data?.items.map((row) => (
          <CheckOutRowView key={row.member.id} activity={activity} row={row} me={me} onDone={list.reload} />
        ))}
      </PageState>
    </Section>
  );
}

function CheckOutRowView({
  activity,
  row,
  me,
  onDone,
}: {
  activity: ActivityDetail;
  row: CheckOutRow;
  me: Me | null;
  onDone: () => Promise<void>;
}) {
  const [open, setOpen] = useState(false);
  const day = formatChina(activity.endsAt, 'YYYY-MM-DD');
  const [time, setTime] = useState(() => formatChina(activity.endsAt, 'HH:mm'));
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async () => {
    if (note.trim().length < 2) return setProblem('请填写补签退的说明（至少 2 个字）');
    setProblem(null);
    const { confirm } = await Taro.showModal({
      title: `为${row.member.name}补签退？`,
      content: `签退时间记为 ${day} ${time}。时长从签到算到签退（不超出活动时间），提交后进入志愿服务审核。说明：${note.trim()}`,
      confirmText: '补签退',
      cancelText: '再看看',
    });
    if (!confirm) return;
    setBusy(true);
    try {
      await completeCheckOut(
        activity.id,
        row.member.id,
        { checkedOutAt: toChinaIso(`${day}T${time}`), note: note.trim() },
        { silent: true },
      );
      void showNotice('已补签退', { success: true, duration: 1500 });
      setOpen(false);
      await onDone();
    } catch (caught) {
      setProblem(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="volunteer-checkout__row">
      <Text className="volunteer-checkout__name">{row.member.name}</Text>
      <Text className="volunteer-checkout__text">
        {formatChina(row.checkedInAt, 'HH:mm')} 签到 ·{' '}
        {row.checkedOutAt ? `${formatChina(row.checkedOutAt, 'HH:mm')} 签退 · ${hours(row.hours ?? 0)}` : '未签退'}
        {row.recordStatus ? ` · ${REVIEW[row.recordStatus]}` : ''}
      </Text>
      {row.note && <Text className="volunteer-checkout__text">书记补签退：{row.note}</Text>}
      {row.checkedOutAt === null &&
        (isOwnCase(me, row.member.id) ? (
          me && <SelfCaseNote action="attendance" me={me} />
        ) : open ? (
          <View>
            <Picker mode="time" value={time} onChange={(e) => setTime(String(e.detail.value))}>
              <View className="volunteer-checkout__picker" aria-label="签退时间">
                签退时间：{day} {time}
              </View>
            </Picker>
            <Input
              className="volunteer-checkout__input"
              value={note}
              maxlength={200}
              placeholder="说明，如：手机没电，现场确认 17:00 离开"
              onInput={(e) => setNote(e.detail.value)}
            />
            {problem && (
              <View className="volunteer-checkout__error" role="alert">
                {problem}
              </View>
            )}
            <View className="volunteer-checkout__actions">
              <XfButton type="primary" loading={busy} onClick={() => void submit()}>
                确认补签退
              </XfButton>
              <XfButton onClick={() => setOpen(false)}>取消</XfButton>
            </View>
          </View>
        ) : (
          <View className="volunteer-checkout__actions">
            <Tag tone="amber">未签退</Tag>
            <XfButton fill="outline" type="primary" onClick={() => setOpen(true)}>
              补签退
            </XfButton>
          </View>
        ))}
    </View>
  );
}
