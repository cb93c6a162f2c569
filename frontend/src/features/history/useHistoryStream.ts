import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { historyKey, historyStreamUrl, instanceConnectionsKey } from './api';

/**
 * Keeps the instance's OAuth history and user connections fresh while the caller is mounted:
 * each `recorded` event of the server's stream invalidates them, so new rows appear by
 * themselves. Returns true while the subscription is live (after `ready`). A dropped stream is
 * retried by EventSource itself; what was recorded meanwhile is fetched once it is back.
 */
export function useHistoryStream(instanceId: number): boolean {
  const queryClient = useQueryClient();
  // The instance whose stream is live, so that another instance starts out not live.
  const [liveInstance, setLiveInstance] = useState<number | null>(null);

  useEffect(() => {
    const refresh = () => {
      void queryClient.invalidateQueries({ queryKey: historyKey(instanceId) });
      void queryClient.invalidateQueries({ queryKey: instanceConnectionsKey(instanceId) });
    };
    let missedSome = false;
    const source = new EventSource(historyStreamUrl(instanceId));
    source.addEventListener('ready', () => {
      if (missedSome) refresh();
      missedSome = false;
      setLiveInstance(instanceId);
    });
    source.addEventListener('recorded', refresh);
    source.addEventListener('error', () => {
      missedSome = true;
      setLiveInstance(null);
    });
    return () => source.close();
  }, [instanceId, queryClient]);

  return liveInstance === instanceId;
}
