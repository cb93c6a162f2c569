import type { Schemas } from '../../../api/client';

export type CaseSummary = Schemas['CaseSummary'];
export type TestCase = Schemas['TestCase'];
export type Folder = Schemas['Folder'];
export type Person = Schemas['Person'];
export type CaseStatus = Schemas['CaseStatus'];
export type Priority = Schemas['Priority'];
export type CaseVersion = Schemas['CaseVersion'];
export type CaseDiff = Schemas['CaseDiff'];
export type ImportReport = Schemas['ImportReport'];
export type ImportProblem = Schemas['ImportProblem'];

export interface Step {
  id: string;
  action: string;
  data: string;
  expected: string;
}

/** What a person edits in a case: the body of a save, without revision and session. */
export interface CaseContent {
  title: string;
  precondition: string;
  steps: Step[];
  priority: Priority;
  status: CaseStatus;
  labels: string[];
  components: string[];
  ownerId: number | null;
  estimateMinutes: number | null;
  folderId: number | null;
}

export function contentOf(testCase: TestCase): CaseContent {
  return {
    title: testCase.title,
    precondition: testCase.precondition,
    steps: testCase.steps.map(({ id, action, data, expected }) => ({ id, action, data, expected })),
    priority: testCase.priority,
    status: testCase.status,
    labels: [...testCase.labels],
    components: [...testCase.components],
    ownerId: testCase.ownerId ?? null,
    estimateMinutes: testCase.estimateMinutes ?? null,
    folderId: testCase.folderId ?? null,
  };
}
