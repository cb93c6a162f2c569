import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { showApiError } from '../../lib/forms/showApiError';
import { logOut, logOutEverywhere, meQuery, setupQuery } from './api';

export type LogOutScope = 'this-session' | 'everywhere';

export function useLogOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: (scope: LogOutScope) => (scope === 'everywhere' ? logOutEverywhere() : logOut()),
    onSuccess: () => {
      // Drop everything the previous user could see before anyone else logs in here.
      queryClient.clear();
      queryClient.setQueryData(setupQuery.queryKey, { needsAdmin: false });
      queryClient.setQueryData(meQuery.queryKey, null);
      void navigate('/login', { replace: true });
    },
    onError: (error) => showApiError(error, 'Could not log out'),
  });
}
