import type { Schemas } from '../../api/client';

export type Right = Schemas['Right'];

interface RightChoice {
  right: Right;
  label: string;
}

/** Rights grouped by module, in the order the admin screens show them. */
export const RIGHT_GROUPS: readonly { module: string; rights: readonly RightChoice[] }[] = [
  {
    module: 'Integration',
    rights: [
      { right: 'INTEGRATION_VIEW', label: 'View' },
      { right: 'INTEGRATION_MODIFY', label: 'Modify' },
    ],
  },
  {
    module: 'Issues',
    rights: [
      { right: 'ISSUES_VIEW', label: 'View' },
      { right: 'ISSUES_CREATE', label: 'Create' },
    ],
  },
  {
    module: 'Test Cases',
    rights: [
      { right: 'CASES_VIEW', label: 'View' },
      { right: 'CASES_MODIFY', label: 'Modify' },
    ],
  },
  {
    module: 'Test Suites',
    rights: [
      { right: 'SUITES_VIEW', label: 'View' },
      { right: 'SUITES_MODIFY', label: 'Modify' },
    ],
  },
  {
    module: 'Test Cycles',
    rights: [
      { right: 'CYCLES_VIEW', label: 'View' },
      { right: 'CYCLES_MODIFY', label: 'Modify' },
      { right: 'CYCLES_EXECUTE', label: 'Execute' },
    ],
  },
  {
    module: 'Users',
    rights: [{ right: 'USERS_MANAGE', label: 'Manage' }],
  },
];

/** "Integration: View" for INTEGRATION_VIEW. */
export function describeRight(right: Right): string {
  for (const group of RIGHT_GROUPS) {
    const choice = group.rights.find((candidate) => candidate.right === right);
    if (choice) return `${group.module}: ${choice.label}`;
  }
  return right;
}
