import dayjs from 'dayjs';

/** 2026年3月5日 */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '未填写';
  const date = dayjs(value);
  return date.isValid() ? date.format('YYYY年M月D日') : '未填写';
}

/** 3月5日 14:30, for ledger entries of the current year. */
export function formatDateTime(value: string): string {
  const date = dayjs(value);
  if (!date.isValid()) return '';
  return date.year() === dayjs().year() ? date.format('M月D日 HH:mm') : date.format('YYYY年M月D日 HH:mm');
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

/** 早上好 / 上午好 / 中午好 / 下午好 / 晚上好 by the hour of the day. */
export function greeting(now: Date = new Date()): string {
  const hour = now.getHours();
  if (hour < 5) return '晚上好';
  if (hour < 9) return '早上好';
  if (hour < 11) return '上午好';
  if (hour < 13) return '中午好';
  if (hour < 18) return '下午好';
  return '晚上好';
}
