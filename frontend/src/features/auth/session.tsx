import { createContext, useContext, type ReactNode } from 'react';
import type { Me } from './api';
import type { Right } from './rights';

const SessionContext = createContext<Me | null>(null);

export function SessionProvider({ me, children }: { me: Me; children: ReactNode }) {
  return <SessionContext.Provider value={me}>{children}</SessionContext.Provider>;
}

export interface Session {
  user: Me['user'];
  can: (right: Right) => boolean;
}

/** The logged-in user; only for components rendered inside {@link RequireSession}. */
export function useSession(): Session {
  const me = useContext(SessionContext);
  if (me === null) throw new Error('useSession() needs a SessionProvider above it');
  return { user: me.user, can: (right) => me.rights.includes(right) };
}
