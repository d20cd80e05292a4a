import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Input, Picker, Text, Textarea, View } from '@tarojs/components';
import type { ActivityDetail, ActivityInput, ActivityType, Geofence } from '@contract';
import { EmptyState } from '../../../../components/empty-state';
import { PageState } from '../../../../components/page-state';
import { Section } from '../../../../components/section';
import { XfButton } from '../../../../components/xf-button';
import { useActivity } from '../../../../hooks/useActivity';
import { createActivity, updateActivity } from '../../../../services/activities';
import { errorMessage } from '../../../../services/api-error';
import { routes } from '../../../../services/routes';
import { activityTypeLabel, activityTypes } from '../../../../utils/activity-labels';
import { chinaDaysFromToday, formatChina, minutesBetween, toChinaIso } from '../../../../utils/china-time';
import { scopeFromParams } from '../../scope';
import { showNotice } from '../../../../utils/notice';
import './index.scss';

interface FormState {
  type: ActivityType;
  title: string;
  topic: string;
  place: string;
  date: string;
  start: string;
  end: string;
  lateAfterMinutes: string;
  geofence: Geofence | null;
}

const FENCE_RADIUS_M = 300;

function blankForm(): FormState {
  return {
    type: 'theme_day',
    title: '',
    topic: '',
    place: '',
    date: chinaDaysFromToday(7),
    start: '14:30',
    end: '16:30',
    lateAfterMinutes: '10',
    geofence: null,
  };
}

function formOf(activity: ActivityDetail): FormState {
  return {
    type: activity.type,
    title: activity.title,
    topic: activity.topic,
    place: activity.place,
    date: formatChina(activity.startsAt, 'YYYY-MM-DD'),
    start: formatChina(activity.startsAt, 'HH:mm'),
    end: formatChina(activity.endsAt, 'HH:mm'),
    lateAfterMinutes: String(minutesBetween(activity.startsAt, activity.lateAfter)),
    geofence: activity.geofence,
  };
}

/** The pickers' date and times are China wall-clock time, as the whole product is. */
const instant = (date: string, time: string) => toChinaIso(`${date}T${time}`);

function inputOf(form: FormState): ActivityInput {
  return {
    type: form.type,
    title: form.title.trim(),
    topic: form.topic.trim(),
    place: form.place.trim(),
    geofence: form.geofence,
    startsAt: instant(form.date, form.start),
    endsAt: instant(form.date, form.end),
    lateAfterMinutes: Number(form.lateAfterMinutes) || 0,
  };
}

/** 新建活动 (with ?branchId= or ?orgId=) or 修改活动 (with ?id=). */
export default function ActivityEditPage() {
  const { params } = useRouter();
  const id = Number(params.id);
  const editing = Number.isInteger(id) && id > 0;
  const scope = scopeFromParams(params);
  const existing = useActivity(editing ? id : null);

  if (!editing && !scope) return <EmptyState mark="!" title="没有找到这个支部" description="请从管理页面进入。" />;
  if (!editing) return <ActivityForm onSubmit={(input) => createActivity(scope!, input, { silent: true })} />;
  return (
    <PageState
      loading={existing.loading}
      error={existing.error}
      ready={existing.data !== null}
      onRetry={existing.reload}
    >
      {existing.data && (
        <ActivityForm
          initial={formOf(existing.data)}
          onSubmit={(input) => updateActivity(id, input, { silent: true })}
        />
      )}
    </PageState>
  );
}

function ActivityForm({
  initial,
  onSubmit,
}: {
  initial?: FormState;
  onSubmit: (input: ActivityInput) => Promise<ActivityDetail>;
}) {
  const [form, setForm] = useState<FormState>(initial ?? blankForm());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setForm((f) => ({ ...f, [key]: value }));

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: initial ? '修改活动' : '新建活动' }).catch(() => undefined);
  }, [initial]);

  async function fenceHere() {
    try {
      const position = await Taro.getLocation({ type: 'gcj02' });
      set('geofence', { lat: position.latitude, lng: position.longitude, radiusM: FENCE_RADIUS_M });
    } catch {
      setError('没有获取到位置，请检查定位权限');
    }
  }

  async function submit() {
    setBusy(true);
    setError(null);
    try {
      const saved = await onSubmit(inputOf(form));
      void showNotice(initial ? '已保存' : '已创建', { success: true });
      await Taro.redirectTo({ url: `${routes.activityRoster}?id=${saved.id}` });
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  const ready = form.title.trim().length >= 2 && form.place.trim().length > 0;
  return (
    <View className="xf-page activity-edit">
      <Section title="活动类型">
        <View className="activity-edit__types">
          {activityTypes.map((type) => (
            <View
              key={type}
              role="radio"
              aria-checked={form.type === type}
              className={`activity-edit__type ${form.type === type ? 'activity-edit__type--on' : ''}`}
              onClick={() => set('type', type)}
            >
              {activityTypeLabel[type]}
            </View>
          ))}
        </View>
      </Section>
      <Section title="内容">
        <Text className="activity-edit__label">标题</Text>
        <Input
          className="activity-edit__input"
          value={form.title}
          maxlength={60}
          placeholder="如：11月主题党日"
          aria-label="标题"
          onInput={(e) => set('title', e.detail.value)}
        />
        <Text className="activity-edit__label">主题 / 学习内容</Text>
        <Textarea
          className="activity-edit__textarea"
          value={form.topic}
          maxlength={2000}
          placeholder="本次学习的内容"
          aria-label="主题"
          onInput={(e) => set('topic', e.detail.value)}
        />
        <Text className="activity-edit__label">地点</Text>
        <Input
          className="activity-edit__input"
          value={form.place}
          maxlength={100}
          placeholder="如：机关大楼三楼会议室"
          aria-label="地点"
          onInput={(e) => set('place', e.detail.value)}
        />
      </Section>
      <Section title="时间">
        <Picker mode="date" value={form.date} onChange={(e) => set('date', String(e.detail.value))}>
          <View className="activity-edit__picker">日期：{form.date}</View>
        </Picker>
        <Picker mode="time" value={form.start} onChange={(e) => set('start', String(e.detail.value))}>
          <View className="activity-edit__picker">开始：{form.start}</View>
        </Picker>
        <Picker mode="time" value={form.end} onChange={(e) => set('end', String(e.detail.value))}>
          <View className="activity-edit__picker">结束：{form.end}</View>
        </Picker>
        <Text className="activity-edit__label">开始后多少分钟签到算迟到</Text>
        <Input
          className="activity-edit__input"
          type="number"
          value={form.lateAfterMinutes}
          maxlength={3}
          aria-label="迟到分钟"
          onInput={(e) => set('lateAfterMinutes', e.detail.value.replace(/\D/g, ''))}
        />
        <Text className="activity-edit__note">签到从开始前 30 分钟起，到结束时截止。</Text>
      </Section>
      <Section title="签到位置（可选）">
        <Text className="activity-edit__note">
          {form.geofence
            ? `已设定：需在当前位置 ${form.geofence.radiusM} 米内签到`
            : '不设定时，凭签到码即可签到；设定后还需在活动地点附近。'}
        </Text>
        <View className="activity-edit__row">
          <XfButton onClick={() => void fenceHere()}>以当前位置为准</XfButton>
          {form.geofence && <XfButton onClick={() => set('geofence', null)}>不限位置</XfButton>}
        </View>
      </Section>
      {error && (
        <View className="activity-edit__error" role="alert">
          {error}
        </View>
      )}
      <XfButton type="primary" size="large" block disabled={!ready} loading={busy} onClick={() => void submit()}>
        {initial ? '保存修改' : '创建活动'}
      </XfButton>
    </View>
  );
}
