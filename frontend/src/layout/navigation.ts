import type { Right } from '../features/auth/rights';

export interface NavigationItem {
  path: string;
  label: string;
  /** Shown only to users with this right; the server refuses the page's API to anyone else. */
  right?: Right;
}

export const NAVIGATION: readonly NavigationItem[] = [
  { path: '/integrations', label: 'Integrations', right: 'INTEGRATION_VIEW' },
  { path: '/users', label: 'Users & roles', right: 'USERS_MANAGE' },
  { path: '/about', label: 'About' },
];

export function allowedNavigation(can: (right: Right) => boolean): NavigationItem[] {
  return NAVIGATION.filter((item) => item.right === undefined || can(item.right));
}
