import { useEffect, useState } from 'react';

/**
 * The current time, ticking every `intervalMs`, so controls that depend on the clock
 * (结束活动并结算 after the start, 会议记录) appear without leaving the page.
 */
export function useNow(intervalMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
