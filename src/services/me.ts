import type { Me } from '@contract';
import { takeEarlyMe } from './early-me';
import { get, type RequestOptions } from './request';
import { sessionToken } from './session';

export async function fetchMe(options?: RequestOptions): Promise<Me> {
  const early = takeEarlyMe(sessionToken());
  const me = early ? await early : null;
  return me ?? get<Me>('/api/me', options);
}
