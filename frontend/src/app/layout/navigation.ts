import type { Right } from '../../features/auth';

export interface NavigationItem {
  path: string;
  label: string;
  /** Shown only to users with this right; the server refuses the page's API to anyone else. */
  right?: Right;
  /** Shown only to users with at least one of these rights. */
  anyRight?: readonly Right[];
}

export const NAVIGATION: readonly NavigationItem[] = [
  { path: '/integrations', label: 'Integrations', right: 'INTEGRATION_VIEW' },
  { path: '/projects', label: 'Projects', anyRight: ['ISSUES_VIEW', 'SUITES_VIEW', 'CASES_VIEW', 'CYCLES_VIEW', 'INTEGRATION_MODIFY'] },
  { path: '/users', label: 'Users & roles', right: 'USERS_MANAGE' },
  { path: '/system', label: 'System', right: 'USERS_MANAGE' },
  { path: '/about', label: 'About' },
];

export function allowedNavigation(can: (right: Right) => boolean): NavigationItem[] {
  return NAVIGATION.filter(
    (item) => (item.right === undefined || can(item.right)) && (item.anyRight === undefined || item.anyRight.some(can)),
  );
}
