// Test data of the test-case repository (folders, cases, versions), for the Vitest tests of the cases and suites features.
import type { Schemas } from '../api/client';

type Folder = Schemas['Folder'];
type CaseSummary = Schemas['CaseSummary'];
type TestCase = Schemas['TestCase'];
type Person = Schemas['Person'];

export const PEOPLE: Person[] = [
  { id: 1, username: 'admin', displayName: 'Ada Admin' },
  { id: 2, username: 'tess', displayName: 'Tess Tester' },
];

export function aFolder(overrides: Partial<Folder> = {}): Folder {
  return { id: 5, parentId: null, name: 'Auth', caseCount: 2, ...overrides };
}

export function aCaseSummary(overrides: Partial<CaseSummary> = {}): CaseSummary {
  return {
    id: 1,
    key: 'SHOP-TC-1',
    title: 'Pay by card',
    priority: 'MEDIUM',
    status: 'READY',
    labels: ['smoke'],
    components: [],
    owner: { id: 2, name: 'Tess Tester' },
    estimateMinutes: null,
    folderId: null,
    stepCount: 2,
    archived: false,
    version: 1,
    updatedAt: '2026-11-28T14:00:00Z',
    ...overrides,
  };
}

/** The answer of GET /api/projects/3/cases for these cases, all on one page. */
export function casePage(items: CaseSummary[]) {
  return { body: { items, total: items.length, page: 1, pageSize: 50 } };
}

export function aTestCase(overrides: Partial<TestCase> = {}): TestCase {
  return {
    id: 1,
    projectId: 3,
    key: 'SHOP-TC-1',
    title: 'Pay by card',
    precondition: '',
    steps: [
      { id: '00000000-0000-4000-8000-000000000001', action: 'Add an item', data: '', expected: 'The cart shows 1' },
      { id: '00000000-0000-4000-8000-000000000002', action: 'Pay by card', data: '4242 4242 4242 4242', expected: 'Paid' },
    ],
    priority: 'MEDIUM',
    status: 'DRAFT',
    labels: [],
    components: [],
    ownerId: null,
    owner: null,
    estimateMinutes: null,
    folderId: null,
    archived: false,
    version: 1,
    revision: 1,
    createdBy: { id: 1, name: 'Ada Admin' },
    createdAt: '2026-11-28T14:00:00Z',
    updatedBy: { id: 1, name: 'Ada Admin' },
    updatedAt: '2026-11-28T14:00:00Z',
    suites: [],
    ...overrides,
  };
}
