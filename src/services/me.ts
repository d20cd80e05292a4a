import type { Me } from '@contract';
import { get, type RequestOptions } from './request';

export function fetchMe(options?: RequestOptions): Promise<Me> {
  return get<Me>('/api/me', options);
}
