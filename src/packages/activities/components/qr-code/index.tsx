export interface QrCodeProps {
  /** The text to encode: the check-in payload `xianfeng:checkin:<activityId>:<token>`. */
  payload: string;
  /** Edge length in px of the 750-wide design. */
  size?: number;
  className?: string;
}

/**
 * PENDING DEPENDENCY: the check-in QR code. No QR encoder is installed in this project and
 * hand-rolled encoders are not wanted, so this renders nothing until the lead adds a
 * well-kept QR library; then this component draws `payload` and nothing else changes
 * (the display page already passes the payload, and members' 扫码签到 already parses it).
 * Until then the check-in screen shows the 6-digit code large, which every platform accepts.
 */
export function QrCode(_props: QrCodeProps) {
  return null;
}
