import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { showApiError } from '../../lib/forms/showApiError';
import { logOut, logOutEverywhere, meQuery, setupQuery } from './api';

export type LogOutScope = 'this-session' | 'everywhere';

/**
 * For when the session has ended on the server (a logout, a password change): drops everything the
 * previous user could see before anyone else logs in here, and shows the login page.
 */
export function useLeaveSession(): () => void {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return () => {
    queryClient.clear();
    queryClient.setQueryData(setupQuery.queryKey, { needsAdmin: false });
    queryClient.setQueryData(meQuery.queryKey, null);
    void navigate('/login', { replace: true });
  };
}

export function useLogOut() {
  const leaveSession = useLeaveSession();
  return useMutation({
    mutationFn: (scope: LogOutScope) => (scope === 'everywhere' ? logOutEverywhere() : logOut()),
    onSuccess: leaveSession,
    onError: (error) => showApiError(error, 'Could not log out'),
  });
}
