import type { RunStatus, StepStatus } from './api';

// How run and step statuses read and look, everywhere in the cycles (badges, progress, buttons).

export const RUN_STATUSES: readonly RunStatus[] = ['PASS', 'FAIL', 'BLOCKED', 'IN_PROGRESS', 'NA', 'NOT_RUN'];

export const RUN_STATUS: Record<RunStatus, { label: string; color: string }> = {
  PASS: { label: 'Pass', color: 'green' },
  FAIL: { label: 'Fail', color: 'red' },
  BLOCKED: { label: 'Blocked', color: 'orange' },
  IN_PROGRESS: { label: 'In progress', color: 'blue' },
  NA: { label: 'N/A', color: 'grape' },
  NOT_RUN: { label: 'Not run', color: 'gray' },
};

/** The step statuses in the order their buttons show, with the key that sets each one. */
export const STEP_STATUSES: readonly { status: StepStatus; label: string; key: string }[] = [
  { status: 'NOT_RUN', label: 'Not run', key: 'N' },
  { status: 'PASS', label: 'Pass', key: 'P' },
  { status: 'FAIL', label: 'Fail', key: 'F' },
  { status: 'BLOCKED', label: 'Blocked', key: 'B' },
  { status: 'NA', label: 'N/A', key: 'A' },
];
