import type { WrongBook } from '@contract';
import { fetchWrongBook } from '../services/quiz';
import { type AsyncState, useAsync } from './useAsync';

/** The questions the member missed and has not yet answered right twice in a row. */
export function useWrongBook(enabled = true): AsyncState<WrongBook> {
  return useAsync(() => fetchWrongBook({ silent: true }), { enabled });
}
