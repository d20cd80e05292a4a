// Writes that must arrive exactly once (check-in, quiz submission, practice answers, volunteer
// records, leave, objections) over a network that comes and goes.
//
// Each write carries a key the phone generated (header Idempotency-Key); the server keeps the
// first answer to a key and gives it to every repeat (server/src/plugins/idempotency.ts), so
// sending again is always safe. A write that got no answer (offline, timeout, 5xx) is kept in
// storage with its key and sent again by itself: at once when the network returns, otherwise
// after a growing pause. An answer from the server (success or refusal) ends it.
// A service opts in with one line: `writeOnce<T>({ method, url, data }, control)`.
import Taro from '@tarojs/taro';
import type { AxiosRequestConfig } from 'axios';
import { ApiError, NETWORK_ERROR, TIMEOUT } from './api-error';
import { request } from './request';
import { sessionToken } from './session';

/** What the member sees while a write is on its way. */
export type WriteState = 'sending' | 'retrying' | 'waitingForNetwork';

export interface WriteControl {
  /** The write's idempotency key: the same for every send of the same write. */
  key: string;
  onState?: (state: WriteState) => void;
  /** Do not toast a refusal: the caller shows it. */
  silent?: boolean;
}

interface StoredWrite {
  key: string;
  method: string;
  url: string;
  data: unknown;
  savedAt: number;
}

const STORAGE_KEY = 'xf-pending-writes';
/** Older unsent writes are dropped: the server forgets keys after 30 days. */
const KEEP_MS = 7 * 24 * 60 * 60 * 1000;
const PAUSES_MS = [1_000, 2_000, 4_000, 8_000, 15_000];

export const WRITE_STATE_TEXT: Record<WriteState, string> = {
  sending: '正在提交…',
  retrying: '网络不稳定，正在重试…',
  waitingForNetwork: '已保存，联网后自动提交',
};

/** A key nobody else will pick: 26 characters of [0-9a-z] from the platform's random source. */
export function newWriteKey(): string {
  const bytes = new Uint8Array(16);
  const crypto = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => void } }).crypto;
  if (crypto?.getRandomValues) crypto.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  return `w${Array.from(bytes, (b) => b.toString(36).padStart(2, '0')).join('')}`.slice(0, 27);
}

/** True when the request got no answer the server stands by: send it again. */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  if (error.code === NETWORK_ERROR || error.code === TIMEOUT || error.status === 0) return true;
  if (error.status >= 500) return true;
  return error.code === 'IDEMPOTENCY_IN_PROGRESS' || error.status === 429;
}

function readStored(): StoredWrite[] {
  try {
    const value = Taro.getStorageSync(STORAGE_KEY) as StoredWrite[] | '';
    return Array.isArray(value) ? value : [];
  } catch {
    return [];
  }
}

function writeStored(list: StoredWrite[]): void {
  try {
    Taro.setStorageSync(STORAGE_KEY, list);
  } catch {
    // Storage full or unavailable: the write still retries while the app stays open.
  }
}

function remember(write: StoredWrite): void {
  writeStored([...readStored().filter((w) => w.key !== write.key), write]);
}

function forget(key: string): void {
  writeStored(readStored().filter((w) => w.key !== key));
}

/** Writes saved and not yet answered (for tests and a future 待提交 list). */
export function pendingWrites(): ReadonlyArray<{ key: string; method: string; url: string }> {
  return readStored();
}

// Network return: Taro's status change on weapp, the browser's `online` event on H5.
type Waiter = () => void;
const waiters = new Set<Waiter>();
let listening = false;
function wakeAll(): void {
  for (const wake of [...waiters]) wake();
}
function listenForNetwork(): void {
  if (listening) return;
  listening = true;
  if (process.env.TARO_ENV === 'h5' || typeof window !== 'undefined') {
    if (typeof window !== 'undefined' && typeof window.addEventListener === 'function') {
      window.addEventListener('online', wakeAll);
    }
  }
  if (process.env.TARO_ENV !== 'h5') {
    try {
      Taro.onNetworkStatusChange((status) => {
        if (status.isConnected) wakeAll();
      });
    } catch {
      // No network events here: the pauses alone drive the retries.
    }
  }
}

/** Resolves when the network comes back or after `ms`, whichever is first. */
function pause(ms: number): Promise<void> {
  listenForNetwork();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      waiters.delete(done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    waiters.add(done);
  });
}

function seemsOffline(error: ApiError): boolean {
  if (error.status !== 0) return false;
  return typeof navigator !== 'undefined' && navigator.onLine === false ? true : error.code === NETWORK_ERROR;
}

/** Runs one stored write until the server answers; refusals are thrown, as from `request`. */
async function sendUntilAnswered<T>(write: StoredWrite, onState?: (state: WriteState) => void): Promise<T> {
  const config: AxiosRequestConfig = { method: write.method, url: write.url, data: write.data };
  for (let round = 0; ; round++) {
    try {
      const result = await request<T>(config, { silent: true, idempotencyKey: write.key });
      forget(write.key);
      return result;
    } catch (error) {
      if (!isRetryable(error)) {
        forget(write.key);
        throw error;
      }
      onState?.(seemsOffline(error as ApiError) ? 'waitingForNetwork' : 'retrying');
      await pause(PAUSES_MS[Math.min(round, PAUSES_MS.length - 1)]!);
      onState?.('retrying');
    }
  }
}

const inFlight = new Map<string, Promise<unknown>>();

/** For a page that shows no state of its own: say once that the write is kept and retried. */
function toastOnce(): (state: WriteState) => void {
  let told: WriteState | null = null;
  return (state) => {
    if (state === 'sending' || state === told || told === 'waitingForNetwork') return;
    told = state;
    void Taro.showToast({ title: WRITE_STATE_TEXT[state], icon: 'none', duration: 2500 }).catch(() => undefined);
  };
}

/**
 * Sends a write with its idempotency key and keeps sending it until the server answers.
 * The returned promise settles with that answer; `onState` reports 正在重试 / 已保存.
 */
export function writeOnce<T>(
  config: { method: string; url: string; data?: unknown },
  control: Partial<WriteControl> = {},
): Promise<T> {
  const key = control.key ?? newWriteKey();
  const running = inFlight.get(key);
  if (running) return running as Promise<T>;
  const write: StoredWrite = {
    key,
    method: config.method,
    url: config.url,
    data: config.data ?? {},
    savedAt: Date.now(),
  };
  remember(write);
  const onState = control.onState ?? toastOnce();
  onState('sending');
  const promise = sendUntilAnswered<T>(write, onState)
    .catch((error: unknown) => {
      if (!control.silent && error instanceof ApiError) {
        void Taro.showToast({ title: error.message, icon: 'none', duration: 2500 }).catch(() => undefined);
      }
      throw error;
    })
    .finally(() => inFlight.delete(key));
  inFlight.set(key, promise);
  return promise;
}

/**
 * On launch: sends the writes an earlier visit saved but never got an answer for (the app was
 * closed while offline). Their pages are gone; the data pages show the outcome when reloaded.
 */
export function resumePendingWrites(): void {
  // Signed out: nothing can be sent (and launch is no time to go to the sign-in page).
  if (!sessionToken()) return;
  const now = Date.now();
  const list = readStored();
  const fresh = list.filter((w) => now - w.savedAt < KEEP_MS);
  if (fresh.length !== list.length) writeStored(fresh);
  for (const write of fresh) {
    if (inFlight.has(write.key)) continue;
    const promise = sendUntilAnswered(write)
      .catch(() => undefined)
      .finally(() => inFlight.delete(write.key));
    inFlight.set(write.key, promise);
  }
}
