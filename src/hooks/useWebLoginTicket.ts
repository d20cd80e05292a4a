import { useCallback, useEffect, useRef, useState } from 'react';
import type { WebTicket, WebTicketState } from '@contract';
import { ApiError, UNEXPECTED_RESPONSE } from '../services/api-error';
import { createWebTicket, pollWebTicket } from '../services/web-login';

/** How often the computer asks whether its QR was confirmed. */
export const WEB_TICKET_POLL_MS = 2000;

export type WebLoginStatus = 'loading' | 'pending' | 'scanned' | 'refused' | 'expired' | 'signedIn' | 'error';

export interface WebLoginTicketState {
  ticket: WebTicket | null;
  status: WebLoginStatus;
  /** Who signed in, once `signedIn`. */
  account: WebTicketState['account'] | null;
  error: ApiError | null;
  /** A fresh QR (after expiry, refusal or an error). */
  renew: () => void;
}

/**
 * The computer's side of the QR sign-in: one ticket at a time, polled until a phone confirms
 * (the session is then stored by the service), refuses, or the QR expires. Never left
 * spinning: every path ends in a state the page shows with a way forward.
 */
export function useWebLoginTicket(): WebLoginTicketState {
  const [ticket, setTicket] = useState<WebTicket | null>(null);
  const [status, setStatus] = useState<WebLoginStatus>('loading');
  const [account, setAccount] = useState<WebTicketState['account'] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [generation, setGeneration] = useState(0);
  const alive = useRef(true);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const live = () => alive.current && !stopped;

    const poll = async (current: WebTicket) => {
      try {
        const state = await pollWebTicket(current);
        if (!live()) return;
        if (state.status === 'confirmed') {
          setAccount(state.account ?? null);
          setStatus('signedIn');
          return;
        }
        // `used`: this very page collected it already (a reload mid-poll); a new QR is the way on.
        const next = state.status === 'used' ? 'expired' : state.status;
        if (next === 'pending' && Date.parse(current.expiresAt) <= Date.now()) {
          setStatus('expired');
          return;
        }
        setStatus(next);
        if (next === 'pending' || next === 'scanned') timer = setTimeout(() => void poll(current), WEB_TICKET_POLL_MS);
      } catch (caught) {
        if (!live()) return;
        const apiError = toApiError(caught);
        if (apiError.status === 404) {
          setStatus('expired');
        } else if (apiError.status === 0 || apiError.status === 429 || apiError.status >= 500) {
          // A network blip or a busy server: keep asking, a little slower.
          timer = setTimeout(() => void poll(current), WEB_TICKET_POLL_MS * 2);
        } else {
          setError(apiError);
          setStatus('error');
        }
      }
    };

    setStatus('loading');
    setError(null);
    setTicket(null);
    createWebTicket()
      .then((created) => {
        if (!live()) return;
        setTicket(created);
        setStatus('pending');
        timer = setTimeout(() => void poll(created), WEB_TICKET_POLL_MS);
      })
      .catch((caught: unknown) => {
        if (!live()) return;
        setError(toApiError(caught));
        setStatus('error');
      });
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [generation]);

  const renew = useCallback(() => setGeneration((n) => n + 1), []);
  return { ticket, status, account, error, renew };
}

function toApiError(caught: unknown): ApiError {
  return caught instanceof ApiError ? caught : new ApiError(0, UNEXPECTED_RESPONSE, '出了点问题，请稍后重试');
}
