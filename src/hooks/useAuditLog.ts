import { useEffect, useState } from 'react';
import type { AuditEntry, AuditPage } from '@contract';
import { fetchAuditLog, type AuditFilter, type AuditSource } from '../services/audit';
import { type AsyncState, useAsync } from './useAsync';

export interface AuditLogState extends AsyncState<AuditPage> {
  /** The first page and every page loaded since, newest first. */
  items: AuditEntry[];
  hasMore: boolean;
  loadingMore: boolean;
  /** Appends the next page; a failure shows the request wrapper's toast and keeps the list. */
  loadMore: () => Promise<void>;
}

/** The audit log of a source under a filter; a new source or filter starts from the first page. */
export function useAuditLog(source: AuditSource | null, filter: AuditFilter = {}): AuditLogState {
  const key = JSON.stringify({ source, filter });
  const first = useAsync(() => fetchAuditLog(source as AuditSource, filter, { silent: true }), {
    enabled: source !== null,
    key,
  });
  const [more, setMore] = useState<AuditEntry[]>([]);
  const [loadingMore, setLoadingMore] = useState(false);
  useEffect(() => setMore([]), [first.data]);

  const items = first.data ? [...first.data.items, ...more] : [];
  const total = first.data?.total ?? 0;
  const offset = items.length;
  const loadMore = async () => {
    if (source === null) return;
    setLoadingMore(true);
    try {
      const page = await fetchAuditLog(source, { ...filter, offset });
      setMore((current) => [...current, ...page.items]);
    } catch {
      // the request wrapper showed the message
    } finally {
      setLoadingMore(false);
    }
  };

  return { ...first, items, hasMore: items.length < total, loadingMore, loadMore };
}
