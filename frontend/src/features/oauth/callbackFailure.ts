import { useEffect, useEffectEvent, useState } from 'react';

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

/**
 * The failure the callback page reported for the flow of `authorizationUrl`, if any; `onFailure`
 * runs when one arrives (the dialogs move on to Step 2, where it is shown).
 */
export function useCallbackFailure(authorizationUrl: string | undefined, onFailure: () => void): CallbackFailure | null {
  // Kept with the link it is about: a new link (a new flow) has no failure yet.
  const [reported, setReported] = useState<{ authorizationUrl: string; failure: CallbackFailure } | null>(null);
  const announceFailure = useEffectEvent(onFailure);
  useEffect(() => {
    const state = authorizationUrl ? new URL(authorizationUrl).searchParams.get('state') : null;
    if (!authorizationUrl || !state || typeof BroadcastChannel === 'undefined') return undefined;
    const channel = new BroadcastChannel(CALLBACK_CHANNEL);
    channel.onmessage = (event: MessageEvent<unknown>) => {
      const data = event.data as Partial<{ state: string; succeeded: boolean; title: string; message: string }> | null;
      if (data?.state === state && data.succeeded === false) {
        const failure = { title: String(data.title ?? 'Jira did not authorize the connection'), message: String(data.message ?? '') };
        setReported({ authorizationUrl, failure });
        announceFailure();
      }
    };
    return () => channel.close();
  }, [authorizationUrl]);
  return reported !== null && reported.authorizationUrl === authorizationUrl ? reported.failure : null;
}
