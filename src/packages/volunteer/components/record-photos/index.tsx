import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import type { VolunteerPhoto } from '@contract';
import { downloadPhoto } from '../../../../services/volunteer';
import './index.scss';

export interface RecordPhotosProps {
  photos: VolunteerPhoto[];
  className?: string;
}

/** A record's proof photos. They need the session, so each is downloaded with it and shown from the local copy. */
export function RecordPhotos({ photos, className }: RecordPhotosProps) {
  if (photos.length === 0) return null;
  return (
    <View className={['record-photos', className].filter(Boolean).join(' ')}>
      {photos.map((photo) => (
        <PhotoThumb key={photo.id} photo={photo} />
      ))}
    </View>
  );
}

function PhotoThumb({ photo }: { photo: VolunteerPhoto }) {
  const [path, setPath] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    downloadPhoto(photo.url)
      .then((local) => live && setPath(local))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [photo.url]);
  if (failed) return <Text className="record-photos__missing">照片无法显示</Text>;
  if (!path) return <View className="record-photos__placeholder" aria-busy="true" />;
  return (
    <Image
      className="record-photos__image"
      src={path}
      mode="aspectFill"
      aria-label="志愿服务照片"
      onClick={() => void Taro.previewImage({ urls: [path], current: path })}
    />
  );
}
