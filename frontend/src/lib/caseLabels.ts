import type { Schemas } from '../api/client';

// How a test case's status and priority read and look, wherever cases are listed (repository, suites).

type CaseStatus = Schemas['CaseStatus'];
type Priority = Schemas['Priority'];

export const STATUS_LABELS: Record<CaseStatus, string> = { DRAFT: 'Draft', READY: 'Ready', DEPRECATED: 'Deprecated' };
export const PRIORITY_LABELS: Record<Priority, string> = { CRITICAL: 'Critical', HIGH: 'High', MEDIUM: 'Medium', LOW: 'Low' };

export const STATUS_COLORS: Record<CaseStatus, string> = { DRAFT: 'gray', READY: 'green', DEPRECATED: 'orange' };
export const PRIORITY_COLORS: Record<Priority, string> = { CRITICAL: 'red', HIGH: 'orange', MEDIUM: 'blue', LOW: 'gray' };
