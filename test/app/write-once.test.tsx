import { failWith, respondWith, wxRequest } from './weapp-transport';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { WriteStatus } from '../../src/components/write-status';
import { ApiError } from '../../src/services/api-error';
import { saveSession } from '../../src/services/session';
import {
  newWriteKey,
  pendingWrites,
  resumePendingWrites,
  writeOnce,
  type WriteState,
} from '../../src/services/write-once';
import { useWriteOnce } from '../../src/hooks/useWriteOnce';
import { session } from './fixtures';

const sentKeys = () => wxRequest.mock.calls.map((call) => call[0].header['Idempotency-Key']);

describe('write-once: a write is sent with its key until the server answers', () => {
  beforeEach(() => saveSession(session));

  it('keeps the write while the network is down, sends it again with the same key, then forgets it', async () => {
    failWith('request:fail net::ERR_INTERNET_DISCONNECTED');
    respondWith(200, { attendance: { status: 'present' }, created: true, pointsAwarded: 1 });
    const states: WriteState[] = [];
    const sent = writeOnce<{ created: boolean }>(
      { method: 'POST', url: '/api/activities/7/checkin', data: { code: '048213' } },
      { key: 'w-test-key-0000000001', onState: (s) => states.push(s) },
    );
    expect(pendingWrites().map((w) => w.key)).toEqual(['w-test-key-0000000001']);

    await expect(sent).resolves.toEqual({ attendance: { status: 'present' }, created: true, pointsAwarded: 1 });
    expect(wxRequest).toHaveBeenCalledTimes(2);
    expect(sentKeys()).toEqual(['w-test-key-0000000001', 'w-test-key-0000000001']);
    expect(states[0]).toBe('sending');
    expect(states).toContain('waitingForNetwork');
    expect(pendingWrites()).toEqual([]);
    expect(Taro.showToast).not.toHaveBeenCalled();
  });

  it('retries a 5xx and stops at a refusal, which it returns as the API error', async () => {
    respondWith(503, { code: 'UNAVAILABLE', message: '服务暂时不可用' });
    respondWith(400, { code: 'CHECKIN_CODE_EXPIRED', message: '签到码已过期，请输入屏幕上最新的签到码' });
    const states: WriteState[] = [];
    const sent = writeOnce(
      { method: 'POST', url: '/api/activities/7/checkin', data: { code: '111111' } },
      { key: 'w-test-key-0000000002', onState: (s) => states.push(s), silent: true },
    );
    const error = await sent.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('CHECKIN_CODE_EXPIRED');
    expect(states).toContain('retrying');
    expect(wxRequest).toHaveBeenCalledTimes(2);
    expect(pendingWrites()).toEqual([]);
  });

  it('sends on launch what an earlier visit saved but never got an answer for', async () => {
    Taro.setStorageSync('xf-pending-writes', [
      {
        key: 'w-saved-before-000000001',
        method: 'POST',
        url: '/api/attempts/70/submit',
        data: { answers: [] },
        savedAt: Date.now(),
      },
    ]);
    respondWith(200, { attemptId: 70 });
    resumePendingWrites();
    await waitFor(() => expect(pendingWrites()).toEqual([]));
    expect(wxRequest.mock.calls[0]![0].url).toBe('https://api.xianfeng.test/api/attempts/70/submit');
    expect(sentKeys()).toEqual(['w-saved-before-000000001']);
  });

  it('makes keys the server accepts, never the same twice', () => {
    const keys = new Set(Array.from({ length: 200 }, () => newWriteKey()));
    expect(keys.size).toBe(200);
    for (const key of keys) expect(key).toMatch(/^[A-Za-z0-9_-]{16,100}$/);
  });
});

function Form({ send }: { send: (body: { code: string }, key: string) => Promise<void> }) {
  const write = useWriteOnce();
  return (
    <div>
      <WriteStatus state={write.state} />
      <button onClick={() => void write.run({ code: '1' }, (c) => send({ code: '1' }, c.key)).catch(() => undefined)}>
        same
      </button>
      <button onClick={() => void write.run({ code: '2' }, (c) => send({ code: '2' }, c.key)).catch(() => undefined)}>
        changed
      </button>
    </div>
  );
}

describe('useWriteOnce and WriteStatus', () => {
  it('shows 正在重试… and 已保存，联网后自动提交 while a write is on its way', () => {
    const { rerender } = render(<WriteStatus state="retrying" />);
    expect(screen.getByRole('status').textContent).toBe('网络不稳定，正在重试…');
    rerender(<WriteStatus state="waitingForNetwork" />);
    expect(screen.getByRole('status').textContent).toBe('已保存，联网后自动提交');
    rerender(<WriteStatus state="sending" />);
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('keeps a failed write on screen with 重试 until the next try', () => {
    const retry = jest.fn();
    render(<WriteStatus state={null} error="交卷没有成功：网络连接失败" onRetry={retry} />);
    expect(screen.getByRole('alert').textContent).toContain('交卷没有成功：网络连接失败');
    fireEvent.click(screen.getByText('重试'));
    expect(retry).toHaveBeenCalledTimes(1);
  });

  it('gives a retry of the same body the same key, and a changed body a new one', async () => {
    const keys: string[] = [];
    const send = jest.fn<Promise<void>, [{ code: string }, string]>().mockImplementation(async (_body, key) => {
      keys.push(key);
      if (keys.length === 1) throw new ApiError(0, 'NETWORK_ERROR', '网络连接失败');
    });
    render(<Form send={send} />);
    await act(async () => fireEvent.click(screen.getByText('same')));
    await act(async () => fireEvent.click(screen.getByText('same')));
    await act(async () => fireEvent.click(screen.getByText('changed')));
    expect(keys).toHaveLength(3);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
  });
});
