import { useEffect, useState } from 'react';

/**
 * The callback page runs in the tab Jira opened; when it could not produce a verification code
 * (Deny, a wrong client secret, an expired link…) it says so on this same-origin channel, keyed by
 * the flow's state, so the dialog waiting in the first tab can say what happened and offer a new
 * start instead of asking for a code that will never come. Only failures travel: the code itself
 * is still read and pasted by the person (it is what proves the same person finished the flow).
 */
export const CALLBACK_CHANNEL = 'testbridge-oauth-callback';

export interface CallbackFailure {
  title: string;
  message: string;
}

/** The failure the callback page reported for the flow of `authorizationUrl`, if any. */
export function useCallbackFailure(authorizationUrl: string | undefined): CallbackFailure | null {
  const [failure, setFailure] = useState<CallbackFailure | null>(null);
  useEffect(() => {
    setFailure(null);
    const state = authorizationUrl ? new URL(authorizationUrl).searchParams.get('state') : null;
    if (!state || typeof BroadcastChannel === 'undefined') return undefined;
    const channel = new BroadcastChannel(CALLBACK_CHANNEL);
    channel.onmessage = (event: MessageEvent<unknown>) => {
      const data = event.data as Partial<{ state: string; succeeded: boolean; title: string; message: string }> | null;
      if (data?.state === state && data.succeeded === false) {
        setFailure({ title: String(data.title ?? 'Jira did not authorize the connection'), message: String(data.message ?? '') });
      }
    };
    return () => channel.close();
  }, [authorizationUrl]);
  return failure;
}
