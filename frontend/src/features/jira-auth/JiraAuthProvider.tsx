import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { registerJiraAuthenticator } from '../../api/jiraAuthentication';
import { myJiraConnectionsQuery, type JiraConnection } from './api';
import { AuthenticateWithJiraDialog } from './AuthenticateWithJiraDialog';

interface JiraAuthentication {
  /**
   * Opens "Authenticate with Jira" for the instance; resolves true once the user is
   * authenticated, false if they cancel. Asking again while the dialog is open shares its answer.
   */
  authenticate: (instanceId: number) => Promise<boolean>;
}

const JiraAuthContext = createContext<JiraAuthentication | null>(null);

interface Request {
  instanceId: number;
  resumesAction: boolean;
  promise: Promise<boolean>;
  resolve: (authenticated: boolean) => void;
}

/**
 * Answers `jira_auth_required` anywhere in the app: every API call that needs the user's Jira
 * token waits (see api/jiraAuthentication.ts) while this shows the dialog, one instance at a time,
 * and is sent again once the user has authenticated. Inside the session: it knows the user.
 */
export function JiraAuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const requests = useRef(new Map<number, Request>());
  const [queue, setQueue] = useState<Request[]>([]);

  const ask = useCallback((instanceId: number, resumesAction: boolean) => {
    const pending = requests.current.get(instanceId);
    if (pending) return pending.promise;
    let resolve: (authenticated: boolean) => void = () => {};
    const promise = new Promise<boolean>((settle) => (resolve = settle));
    const request: Request = { instanceId, resumesAction, promise, resolve };
    requests.current.set(instanceId, request);
    setQueue((current) => [...current, request]);
    return promise;
  }, []);

  useEffect(() => {
    const unregister = registerJiraAuthenticator((instanceId) => ask(instanceId, true));
    const pending = requests.current;
    return () => {
      unregister();
      // Logged out (or gone): whatever waits gets the original answer.
      for (const request of pending.values()) request.resolve(false);
      pending.clear();
    };
  }, [ask]);

  const finish = (request: Request, connection: JiraConnection | null) => {
    requests.current.delete(request.instanceId);
    setQueue((current) => current.filter((candidate) => candidate !== request));
    if (connection) {
      void queryClient.invalidateQueries({ queryKey: myJiraConnectionsQuery.queryKey });
      notifications.show({
        color: 'green',
        message: `Authenticated with ${connection.instanceName}${connection.jiraAccount ? ` as ${connection.jiraAccount}` : ''}.`,
      });
    }
    request.resolve(connection !== null);
  };

  const value = useMemo<JiraAuthentication>(() => ({ authenticate: (instanceId) => ask(instanceId, false) }), [ask]);
  const current = queue[0];
  return (
    <JiraAuthContext.Provider value={value}>
      {children}
      {current && (
        <AuthenticateWithJiraDialog
          key={current.instanceId}
          instanceId={current.instanceId}
          resumesAction={current.resumesAction}
          onAuthenticated={(connection) => finish(current, connection)}
          onCancel={() => finish(current, null)}
        />
      )}
    </JiraAuthContext.Provider>
  );
}

export function useJiraAuthentication(): JiraAuthentication {
  const context = useContext(JiraAuthContext);
  if (context === null) throw new Error('useJiraAuthentication() needs a JiraAuthProvider above it');
  return context;
}
