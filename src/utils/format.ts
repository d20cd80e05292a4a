import { chinaHour, chinaYear, formatChina, type Moment } from './china-time';

/** 2026年3月5日, the China date of a DateString or an instant. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '未填写';
  return formatChina(value, 'YYYY年M月D日') || '未填写';
}

/** 3月5日 14:30 in China time, with the year when it is not this year's. */
export function formatDateTime(value: string): string {
  return formatChina(value, chinaYear(value) === chinaYear() ? 'M月D日 HH:mm' : 'YYYY年M月D日 HH:mm');
}

/** Masks a phone for display unless the API already did (138****1234). */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return '未填写';
  if (phone.includes('*')) return phone;
  const digits = phone.replace(/\s+/g, '');
  if (digits.length < 7) return digits;
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

/** +2 / -1 / 0 */
export function formatDelta(delta: number): string {
  return delta > 0 ? `+${delta}` : String(delta);
}

/** 早上好 / 上午好 / 中午好 / 下午好 / 晚上好 by the hour of the day in China. */
export function greeting(now: Moment = Date.now()): string {
  const hour = chinaHour(now);
  if (hour < 5) return '晚上好';
  if (hour < 9) return '早上好';
  if (hour < 11) return '上午好';
  if (hour < 13) return '中午好';
  if (hour < 18) return '下午好';
  return '晚上好';
}
