import { useMemo } from 'react';
import Taro from '@tarojs/taro';
import { Image } from '@tarojs/components';
import qrcode from 'qrcode-generator';
import './index.scss';

export interface QrCodeProps {
  /** The text to encode: the check-in link `<api origin>/c/<activityId>/<token>`, `xianfeng:weblogin:<id>:<code>` or a binding link. */
  payload: string;
  /** What the code is, for screen readers. */
  label?: string;
  /** Edge length in px of the 750-wide design. */
  size?: number;
  className?: string;
}

/** Pixels per QR module in the generated image; the Image scales it to `size`. */
const CELL_PX = 10;
/** Quiet zone, in modules, that scanners need around the code. */
const MARGIN_MODULES = 4;

/**
 * A QR code (check-in, web sign-in, an invite slip's binding link) as a GIF data URL
 * (qrcode-generator encodes it in plain JavaScript), so
 * the same <Image> shows it on weapp and H5 without a canvas. Error correction M survives a
 * projector's glare and a phone held at an angle.
 */
export function QrCode({ payload, size = 480, className, label = '签到二维码' }: QrCodeProps) {
  const src = useMemo(() => {
    const code = qrcode(0, 'M');
    code.addData(payload);
    code.make();
    return code.createDataURL(CELL_PX, CELL_PX * MARGIN_MODULES);
  }, [payload]);
  return (
    <Image
      className={['xf-qr-code', className].filter(Boolean).join(' ')}
      src={src}
      style={{ width: Taro.pxTransform(size), height: Taro.pxTransform(size) }}
      mode="aspectFit"
      aria-label={label}
    />
  );
}
