import { Navigate } from 'react-router';
import { useSession } from '../../features/auth';
import { allowedNavigation } from './navigation';

/** "/" opens the first page the user may see. */
export function HomeRedirect() {
  const { can } = useSession();
  const [first] = allowedNavigation(can);
  return <Navigate to={first?.path ?? '/about'} replace />;
}
