import { useEffect, useMemo, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Input, Text, Textarea, View } from '@tarojs/components';
import type { ActivityDetail, ActivityInput, ActivityType, Geofence } from '@contract';
import { ChoiceChips } from '../../../../components/choice-chips';
import {
  DateTimeChoice,
  defaultMeeting,
  usualWeekday,
  type DateTimeValue,
} from '../../../../components/date-time-choice';
import { instantsOf } from '../../../../components/date-time-choice/choices';
import { EmptyState } from '../../../../components/empty-state';
import { PageState } from '../../../../components/page-state';
import { Section } from '../../../../components/section';
import { XfButton } from '../../../../components/xf-button';
import { useActivity } from '../../../../hooks/useActivity';
import { useManagedActivities } from '../../../../hooks/useManagedActivities';
import { useRoster } from '../../../../hooks/useRoster';
import { createActivity, updateActivity } from '../../../../services/activities';
import { errorMessage } from '../../../../services/api-error';
import { routes } from '../../../../services/routes';
import { activityTypeLabel, activityTypes } from '../../../../utils/activity-labels';
import { formatChina, minutesBetween, toChinaIso } from '../../../../utils/china-time';
import { scopeFromParams, type ActivityScope } from '../../scope';
import { showNotice } from '../../../../utils/notice';
import './index.scss';

interface FormState {
  type: ActivityType;
  title: string;
  topic: string;
  place: string;
  when: DateTimeValue;
  lateAfterMinutes: string;
  geofence: Geofence | null;
  /** Invite only these members (create only); null invites the whole branch. */
  invitees: number[] | null;
}

/** The radii the server accepts: a room, a building, a compound, a district. */
const FENCE_RADII_M = [100, 300, 500, 1000];
const DEFAULT_FENCE_RADIUS_M = 300;

function blankForm(usual: number | null): FormState {
  return {
    type: 'theme_day',
    title: '',
    topic: '',
    place: '',
    when: defaultMeeting(usual),
    lateAfterMinutes: '10',
    geofence: null,
    invitees: null,
  };
}

function formOf(activity: ActivityDetail): FormState {
  return {
    type: activity.type,
    title: activity.title,
    topic: activity.topic,
    place: activity.place,
    when: {
      date: formatChina(activity.startsAt, 'YYYY-MM-DD'),
      start: formatChina(activity.startsAt, 'HH:mm'),
      minutes: minutesBetween(activity.startsAt, activity.endsAt),
    },
    lateAfterMinutes: String(minutesBetween(activity.startsAt, activity.lateAfter)),
    geofence: activity.geofence,
    invitees: null,
  };
}

/** The choice's date and times are China wall-clock time, as the whole product is. */
function inputOf(form: FormState): ActivityInput {
  const { startsAt, endsAt } = instantsOf(form.when);
  return {
    type: form.type,
    title: form.title.trim(),
    topic: form.topic.trim(),
    place: form.place.trim(),
    geofence: form.geofence,
    startsAt: toChinaIso(startsAt),
    endsAt: toChinaIso(endsAt),
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
  if (!editing) return <NewActivity scope={scope!} />;
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

/** A new activity starts on the branch's usual day next week, read from its past activities. */
function NewActivity({ scope }: { scope: ActivityScope }) {
  const history = useManagedActivities(scope);
  const usual = useMemo(
    () =>
      history.data
        ? usualWeekday(history.data.items.filter((a) => a.status !== 'cancelled').map((a) => a.startsAt))
        : null,
    [history.data],
  );
  return (
    <ActivityForm
      usualDay={usual}
      branchId={'branchId' in scope ? scope.branchId : null}
      onSubmit={(input, invitees) =>
        createActivity(scope, invitees ? { ...input, memberIds: invitees } : input, { silent: true })
      }
    />
  );
}

function ActivityForm({
  initial,
  usualDay = null,
  branchId = null,
  onSubmit,
}: {
  initial?: FormState;
  /** The branch's usual weekday, once known; moves the default date while the date is untouched. */
  usualDay?: number | null;
  /** Creating for a branch: its members can be chosen as invitees. */
  branchId?: number | null;
  onSubmit: (input: ActivityInput, invitees: number[] | null) => Promise<ActivityDetail>;
}) {
  const [form, setForm] = useState<FormState>(initial ?? blankForm(usualDay));
  const [whenTouched, setWhenTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setForm((f) => ({ ...f, [key]: value }));

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: initial ? '修改活动' : '新建活动' }).catch(() => undefined);
  }, [initial]);

  useEffect(() => {
    if (!initial && !whenTouched && usualDay !== null) setForm((f) => ({ ...f, when: defaultMeeting(usualDay) }));
  }, [usualDay, initial, whenTouched]);

  async function fenceHere() {
    try {
      const position = await Taro.getLocation({ type: 'gcj02' });
      set('geofence', {
        lat: position.latitude,
        lng: position.longitude,
        radiusM: form.geofence?.radiusM ?? DEFAULT_FENCE_RADIUS_M,
      });
    } catch {
      setError('没有获取到位置，请检查定位权限');
    }
  }

  async function submit() {
    setBusy(true);
    setError(null);
    try {
      const saved = await onSubmit(inputOf(form), form.invitees);
      void showNotice(initial ? '已保存' : '已创建', { success: true });
      await Taro.redirectTo({ url: `${routes.activityRoster}?id=${saved.id}` });
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  const ready =
    form.title.trim().length >= 2 &&
    form.place.trim().length > 0 &&
    (form.invitees === null || form.invitees.length > 0);
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
        <DateTimeChoice
          value={form.when}
          usualWeekday={usualDay}
          onChange={(when) => {
            setWhenTouched(true);
            set('when', when);
          }}
        />
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
        {form.geofence && (
          <>
            <Text className="activity-edit__label">签到范围</Text>
            <ChoiceChips
              label="签到范围"
              options={FENCE_RADII_M.map((m) => ({ value: m, label: m >= 1000 ? `${m / 1000} 公里` : `${m} 米` }))}
              value={form.geofence.radiusM}
              onChange={(radiusM) => set('geofence', { ...form.geofence!, radiusM })}
            />
          </>
        )}
      </Section>
      {branchId !== null && (
        <Invitees branchId={branchId} value={form.invitees} onChange={(ids) => set('invitees', ids)} />
      )}
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

/** 参加人员: the whole branch (default), or some of its members (a 支委会, a 党小组会). */
function Invitees({
  branchId,
  value,
  onChange,
}: {
  branchId: number;
  value: number[] | null;
  onChange: (ids: number[] | null) => void;
}) {
  const roster = useRoster(value === null ? null : branchId);
  const chosen = new Set(value ?? []);
  const toggle = (id: number) => {
    const next = new Set(chosen);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    onChange([...next]);
  };
  return (
    <Section title="参加人员">
      <ChoiceChips
        label="参加人员"
        options={[
          { value: 'all', label: '本支部全体党员' },
          { value: 'some', label: '选择部分人员' },
        ]}
        value={value === null ? 'all' : 'some'}
        onChange={(mode) => onChange(mode === 'all' ? null : [])}
      />
      {value !== null && (
        <PageState loading={roster.loading} error={roster.error} ready={roster.data !== null} onRetry={roster.reload}>
          {roster.data && (
            <View className="activity-edit__invitees">
              <Text className="activity-edit__note">已选 {chosen.size} 人</Text>
              {roster.data.members.map((m) => (
                <View
                  key={m.id}
                  role="checkbox"
                  aria-checked={chosen.has(m.id)}
                  className={`activity-edit__invitee ${chosen.has(m.id) ? 'activity-edit__invitee--on' : ''}`}
                  onClick={() => toggle(m.id)}
                >
                  <Text className="activity-edit__check">{chosen.has(m.id) ? '✓' : ''}</Text>
                  <Text>{m.name}</Text>
                </View>
              ))}
            </View>
          )}
        </PageState>
      )}
    </Section>
  );
}
