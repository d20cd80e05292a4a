import Taro from '@tarojs/taro';

/**
 * 大字: how much larger than the design text is drawn. Every font size in the styles is
 * `calc(<size> * var(--xf-text-scale, 1))` (styles/_tokens.scss), so one variable scales the text
 * and leaves the layout alone.
 *
 * Two sources, the larger wins:
 * - the platform's own setting: WeChat's 字体大小 / 关怀模式 on weapp (`fontSizeScaleFactor`, or
 *   `fontSizeSetting` against the standard 17px), the browser's default font size on H5;
 * - the 大字 switch in 我的, kept on this phone.
 */
export const LARGE_TEXT_SCALE = 1.3;
/** Beyond this a line of four characters no longer fits a 320px phone; larger settings read as this. */
export const MAX_TEXT_SCALE = 1.5;
const STORAGE_KEY = 'xf.largeText';
const CHANGED = 'xf:text-scale';

const clamp = (scale: number) =>
  Number.isFinite(scale) ? Math.min(MAX_TEXT_SCALE, Math.max(1, Math.round(scale * 100) / 100)) : 1;

interface AppBaseInfo {
  fontSizeScaleFactor?: number;
  fontSizeSetting?: number;
}

/** The platform's text size setting as a factor (1 = standard). */
export function systemTextScale(): number {
  if (process.env.TARO_ENV === 'weapp') {
    try {
      const getInfo = (Taro as unknown as { getAppBaseInfo?: () => AppBaseInfo }).getAppBaseInfo;
      const info: AppBaseInfo = getInfo ? getInfo() : (Taro.getSystemInfoSync() as AppBaseInfo);
      if (info.fontSizeScaleFactor) return clamp(info.fontSizeScaleFactor);
      if (info.fontSizeSetting) return clamp(info.fontSizeSetting / 17);
    } catch {
      // An old base library without either: standard size.
    }
    return 1;
  }
  if (typeof document === 'undefined' || !document.documentElement) return 1;
  // `medium` is the browser's default font size (16px unless the reader changed it).
  const probe = document.createElement('div');
  probe.style.cssText = 'position:absolute;visibility:hidden;font-size:medium';
  document.documentElement.appendChild(probe);
  const size = parseFloat(getComputedStyle(probe).fontSize);
  probe.remove();
  return clamp(size / 16);
}

export function largeTextOn(): boolean {
  try {
    return Taro.getStorageSync(STORAGE_KEY) === true;
  } catch {
    return false;
  }
}

export function textScale(): number {
  return clamp(Math.max(systemTextScale(), largeTextOn() ? LARGE_TEXT_SCALE : 1));
}

/** Applies the scale where one variable reaches every page: the document root on H5. */
export function applyTextScale(): number {
  const scale = textScale();
  if (process.env.TARO_ENV !== 'weapp' && typeof document !== 'undefined') {
    document.documentElement.style.setProperty('--xf-text-scale', String(scale));
    document.documentElement.classList.toggle('xf-large-text', scale > 1);
  }
  return scale;
}

export function setLargeText(on: boolean): void {
  Taro.setStorageSync(STORAGE_KEY, on);
  const scale = applyTextScale();
  Taro.eventCenter.trigger(CHANGED, scale);
}

export function onTextScaleChange(listener: (scale: number) => void): () => void {
  Taro.eventCenter.on(CHANGED, listener);
  return () => Taro.eventCenter.off(CHANGED, listener);
}
