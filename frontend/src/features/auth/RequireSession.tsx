import { useQuery } from '@tanstack/react-query';
import { Navigate, Outlet, useLocation } from 'react-router';
import { LoadFailure, LoadingState } from '../../components/PageStates';
import { meQuery, setupQuery } from './api';
import { SessionProvider } from './session';

/** Renders its child routes only for a logged-in user; first-run setup and login come first. */
export function RequireSession() {
  const location = useLocation();
  const setup = useQuery(setupQuery);
  const needsAdmin = setup.data?.needsAdmin;
  const me = useQuery({ ...meQuery, enabled: needsAdmin === false });

  if (setup.isError) return <LoadFailure error={setup.error} onRetry={() => void setup.refetch()} />;
  if (needsAdmin === true) return <Navigate to="/setup" replace />;
  if (me.isError) return <LoadFailure error={me.error} onRetry={() => void me.refetch()} />;
  if (me.data === null) return <Navigate to="/login" replace state={{ from: location }} />;
  if (me.data === undefined) return <LoadingState />;
  return (
    <SessionProvider me={me.data}>
      <Outlet />
    </SessionProvider>
  );
}
