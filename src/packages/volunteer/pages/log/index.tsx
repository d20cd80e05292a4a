import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Image, Input, Picker, Text, Textarea, View } from '@tarojs/components';
import type { VolunteerRecord, VolunteerRecordBody } from '@contract';
import { PageState } from '../../../../components/page-state';
import { Section } from '../../../../components/section';
import { XfButton } from '../../../../components/xf-button';
import { useVolunteerRecord } from '../../../../hooks/useVolunteer';
import { errorMessage } from '../../../../services/api-error';
import { routes } from '../../../../services/routes';
import { subscribeAvailable } from '../../../../utils/platform';
import { createVolunteerRecord, updateVolunteerRecord, uploadVolunteerPhoto } from '../../../../services/volunteer';
import { chinaDaysFromToday, chinaToday } from '../../../../utils/china-time';
import { formatDate } from '../../../../utils/format';
import { VOLUNTEER_CATEGORY_OPTIONS } from '../../../../utils/volunteer';
import { RecordPhotos } from '../../components/record-photos';
import { showNotice } from '../../../../utils/notice';
import './index.scss';
import { useTextScale } from '../../../../hooks/useTextScale';

const MAX_PHOTOS = 3;
const MAX_HOURS = 12;

interface PhotoDraft {
  id: number;
  /** The local file just chosen; null for a photo already on the record. */
  localPath: string | null;
  url: string;
}

/** New record, or (with ?id=) correcting a pending or rejected one. */
export default function VolunteerLogPage() {
  const text = useTextScale();
  const { params } = useRouter();
  const id = params.id ? Number(params.id) : null;
  const existing = useVolunteerRecord(id);
  if (id === null) return <LogForm record={null} />;
  if (existing.data) return <LogForm record={existing.data} />;
  return (
    <View style={text.style} className="xf-page volunteer-log">
      <PageState loading={existing.loading} error={existing.error} ready={false} onRetry={existing.reload} />
    </View>
  );
}

function LogForm({ record }: { record: VolunteerRecord | null }) {
  const text = useTextScale();
  // The picker's limits are China dates, as servedOn is.
  const today = chinaToday();
  const [servedOn, setServedOn] = useState(record?.servedOn ?? today);
  const [hours, setHours] = useState(record?.hours ?? 2);
  const [category, setCategory] = useState<VolunteerRecord['category']>(record?.category ?? '社区服务');
  const [place, setPlace] = useState(record?.place ?? '');
  const [description, setDescription] = useState(record?.description ?? '');
  const [photos, setPhotos] = useState<PhotoDraft[]>(
    record?.photos.map((p) => ({ id: p.id, localPath: null, url: p.url })) ?? [],
  );
  const [uploading, setUploading] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (record)
      void Taro.setNavigationBarTitle({ title: record.status === 'rejected' ? '修改后重新提交' : '修改记录' });
  }, [record]);

  const addPhotos = async () => {
    let chosen: string[];
    try {
      // chooseMedia, not the deprecated chooseImage; Taro's H5 implements it with a file input.
      const result = await Taro.chooseMedia({
        count: MAX_PHOTOS - photos.length,
        mediaType: ['image'],
        sizeType: ['compressed'],
        sourceType: ['album', 'camera'],
      });
      chosen = result.tempFiles.map((file) => file.tempFilePath).slice(0, MAX_PHOTOS - photos.length);
    } catch (error) {
      // Closing the picker is not a failure; anything else is said, not swallowed.
      const reason = (error as { errMsg?: string } | null)?.errMsg ?? '';
      if (!/cancel/i.test(reason)) {
        void showNotice('没能读取所选的照片，请换一张再试', { duration: 2500 });
      }
      return;
    }
    setUploading(true);
    try {
      for (const path of chosen) {
        const uploaded = await uploadVolunteerPhoto(path);
        setPhotos((current) => [...current, { id: uploaded.id, localPath: path, url: uploaded.url }]);
      }
    } catch (error) {
      void showNotice(errorMessage(error), { duration: 2500 });
    } finally {
      setUploading(false);
    }
  };

  const submit = async () => {
    if (place.trim().length < 2) return setProblem('请填写服务地点（至少 2 个字）');
    if (description.trim().length < 2) return setProblem('请填写服务内容（至少 2 个字）');
    setProblem(null);
    const body: VolunteerRecordBody = {
      servedOn,
      hours,
      category,
      place: place.trim(),
      description: description.trim(),
      photoIds: photos.map((p) => p.id),
    };
    setBusy(true);
    try {
      if (record) await updateVolunteerRecord(record.id, body, { silent: true });
      const created = record ? null : await createVolunteerRecord(body, { silent: true });
      void showNotice('已提交，等待书记审核', { success: true, duration: 2000 });
      // In the mini-program a new record opens, where 审核结果通知我 is offered (a tap must ask WeChat).
      if (created && subscribeAvailable()) await Taro.redirectTo({ url: `${routes.volunteerRecord}?id=${created.id}` });
      else await Taro.navigateBack();
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const earliest = chinaDaysFromToday(-90);
  return (
    <View style={text.style} className="xf-page volunteer-log">
      {record?.status === 'rejected' && record.rejectReason && (
        <Section className="volunteer-log__rejected">
          <Text className="volunteer-log__rejected-text">退回原因：{record.rejectReason}</Text>
        </Section>
      )}
      <Section title="服务日期">
        <Picker
          mode="date"
          value={servedOn}
          start={earliest}
          end={today}
          onChange={(e) => setServedOn(String(e.detail.value))}
        >
          <View className="volunteer-log__field volunteer-log__date" role="button">
            <Text>{formatDate(servedOn)}</Text>
            <Text className="volunteer-log__change">更改 ›</Text>
          </View>
        </Picker>
      </Section>

      <Section title="服务时长">
        <View className="volunteer-log__hours">
          <XfButton
            className="volunteer-log__step"
            disabled={hours <= 0.5}
            onClick={() => setHours((h) => Math.max(0.5, h - 0.5))}
          >
            减半小时
          </XfButton>
          <Text className="volunteer-log__hours-value" aria-live="polite">
            {hours} 小时
          </Text>
          <XfButton
            className="volunteer-log__step"
            disabled={hours >= MAX_HOURS}
            onClick={() => setHours((h) => Math.min(MAX_HOURS, h + 0.5))}
          >
            加半小时
          </XfButton>
        </View>
        <Text className="volunteer-log__hint">按 0.5 小时计，同一天合计不超过 12 小时。</Text>
      </Section>

      <Section title="服务类别">
        <View className="volunteer-log__categories" role="radiogroup">
          {VOLUNTEER_CATEGORY_OPTIONS.map((option) => (
            <View
              key={option}
              role="radio"
              aria-checked={option === category}
              className={`volunteer-log__category ${option === category ? 'volunteer-log__category--on' : ''}`}
              onClick={() => setCategory(option)}
            >
              {option}
            </View>
          ))}
        </View>
      </Section>

      <Section title="服务地点">
        <Input
          className="volunteer-log__field"
          value={place}
          placeholder="如：和平社区三号楼"
          maxlength={100}
          onInput={(e) => setPlace(e.detail.value)}
        />
      </Section>

      <Section title="服务内容">
        <Textarea
          className="volunteer-log__field volunteer-log__textarea"
          value={description}
          placeholder="做了什么，服务了谁"
          maxlength={500}
          onInput={(e) => setDescription(e.detail.value)}
        />
      </Section>

      <Section title={`照片（可不传，最多 ${MAX_PHOTOS} 张）`}>
        <View className="volunteer-log__photos">
          {photos.map((photo) =>
            photo.localPath ? (
              <View key={photo.id} className="volunteer-log__photo">
                <Image className="volunteer-log__photo-image" src={photo.localPath} mode="aspectFill" />
                <View
                  className="volunteer-log__photo-remove"
                  role="button"
                  onClick={() => setPhotos((current) => current.filter((p) => p.id !== photo.id))}
                >
                  移除
                </View>
              </View>
            ) : (
              <View key={photo.id} className="volunteer-log__photo">
                <RecordPhotos photos={[{ id: photo.id, url: photo.url }]} />
                <View
                  className="volunteer-log__photo-remove"
                  role="button"
                  onClick={() => setPhotos((current) => current.filter((p) => p.id !== photo.id))}
                >
                  移除
                </View>
              </View>
            ),
          )}
        </View>
        {photos.length < MAX_PHOTOS && (
          <XfButton block loading={uploading} onClick={() => void addPhotos()}>
            添加照片
          </XfButton>
        )}
      </Section>

      {problem && (
        <View className="volunteer-log__problem" role="alert">
          {problem}
        </View>
      )}
      <XfButton type="primary" size="large" block loading={busy} disabled={uploading} onClick={() => void submit()}>
        {record ? '重新提交' : '提交审核'}
      </XfButton>
    </View>
  );
}
