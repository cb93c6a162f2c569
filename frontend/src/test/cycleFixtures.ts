// Test data of test cycles and their runs, for the Vitest tests of the cycles feature.
import type { Schemas } from '../api/client';

type Cycle = Schemas['Cycle'];
type CycleCase = Schemas['CycleCase'];
type Progress = Schemas['Progress'];
type Attempt = Schemas['Attempt'];
type AttemptStep = Attempt['steps'][number];
type Defect = Schemas['Defect'];
type Person = Schemas['Person'];

export function progressOf(counts: Partial<Omit<Progress, 'total'>> = {}): Progress {
  const all = { NOT_RUN: 0, IN_PROGRESS: 0, PASS: 0, FAIL: 0, BLOCKED: 0, NA: 0, ...counts };
  return { ...all, total: Object.values(all).reduce((sum, count) => sum + count, 0) };
}

export function aCycle(overrides: Partial<Cycle> = {}): Cycle {
  return {
    id: 7,
    projectId: 3,
    name: 'Sprint 12',
    description: 'Regression of the checkout',
    build: '1.4.2',
    environment: 'staging',
    plannedStart: '2026-12-01',
    plannedEnd: '2026-12-05',
    copiedFrom: null,
    createdAt: '2026-11-28T09:00:00Z',
    progress: progressOf({ PASS: 1, FAIL: 1, NOT_RUN: 1 }),
    defects: 1,
    ...overrides,
  };
}

export const TESS: Person = { id: 5, username: 'tess', displayName: 'Tess Tester' };
export const PEOPLE: Person[] = [{ id: 1, username: 'admin', displayName: 'Ada Admin' }, TESS];

export function aCycleCase(overrides: Partial<CycleCase> = {}): CycleCase {
  return {
    id: 31,
    caseId: 101,
    key: 'SHOP-TC-1',
    title: 'Pay by card',
    version: 1,
    stepCount: 3,
    position: 1,
    assignee: null,
    status: 'NOT_RUN',
    attempts: 1,
    executionId: 41,
    hasResults: false,
    ...overrides,
  };
}

export function aStep(number: number, overrides: Partial<AttemptStep> = {}): AttemptStep {
  return {
    id: `00000000-0000-4000-8000-00000000000${number}`,
    number,
    action: `Action ${number}`,
    data: '',
    expected: `Expected ${number}`,
    status: 'NOT_RUN',
    actual: '',
    comment: '',
    updatedBy: null,
    updatedAt: null,
    attachments: [],
    ...overrides,
  };
}

export function anAttempt(overrides: Partial<Attempt> = {}): Attempt {
  return {
    id: 41,
    cycleId: 7,
    cycleCaseId: 31,
    caseId: 101,
    key: 'SHOP-TC-1',
    title: 'Pay by card',
    attempt: 1,
    latest: true,
    version: 1,
    latestVersion: 1,
    status: 'NOT_RUN',
    statusSetByHand: false,
    derivedStatus: 'NOT_RUN',
    startedAt: null,
    finishedAt: null,
    executedBy: null,
    precondition: 'Logged in',
    priority: 'HIGH',
    steps: [aStep(1), aStep(2), aStep(3)],
    attempts: [{ id: 41, attempt: 1, version: 1, status: 'NOT_RUN', startedAt: null, finishedAt: null }],
    defects: [],
    ...overrides,
  };
}

export function aDefect(overrides: Partial<Defect> = {}): Defect {
  return {
    id: 61,
    executionId: 41,
    cycleCaseId: 31,
    caseKey: 'SHOP-TC-1',
    attempt: 1,
    stepId: aStep(3).id,
    instanceId: 1,
    instanceName: 'Acme Cloud',
    key: 'TB-9',
    url: 'https://acme.atlassian.net/browse/TB-9',
    summary: '[SHOP-TC-1] Pay by card – step 3 failed',
    status: 'To Do',
    assignee: 'Bob Tester',
    notFound: false,
    checkedAt: '2026-12-01T10:00:00Z',
    evidenceInJira: 0,
    ...overrides,
  };
}

/** An AttemptStatus answer of PUT …/steps/{stepId}. */
export function anAttemptStatus(status: Attempt['status'], overrides: Partial<Schemas['AttemptStatus']> = {}): Schemas['AttemptStatus'] {
  return { id: 41, status, derivedStatus: status, statusSetByHand: false, startedAt: '2026-12-01T10:00:00Z', finishedAt: null, ...overrides };
}
