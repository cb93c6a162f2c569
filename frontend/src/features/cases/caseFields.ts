import { PRIORITY_LABELS, STATUS_LABELS } from '../../lib/caseLabels';
import type { CaseContent, CaseStatus, Priority } from './api/types';

export { PRIORITY_LABELS, STATUS_LABELS };

export const STATUS_OPTIONS = (Object.keys(STATUS_LABELS) as CaseStatus[]).map((value) => ({ value, label: STATUS_LABELS[value] }));
export const PRIORITY_OPTIONS = (Object.keys(PRIORITY_LABELS) as Priority[]).map((value) => ({ value, label: PRIORITY_LABELS[value] }));

export function isCaseStatus(value: string | null): value is CaseStatus {
  return value !== null && value in STATUS_LABELS;
}

export function isPriority(value: string | null): value is Priority {
  return value !== null && value in PRIORITY_LABELS;
}

/** "1 step", "3 steps". */
export function countOf(count: number, noun: string, plural = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : plural}`;
}

/** The editable fields by name, as the editor labels them. */
export const CONTENT_FIELD_LABELS: Record<keyof CaseContent, string> = {
  title: 'Title',
  precondition: 'Precondition',
  steps: 'Steps',
  priority: 'Priority',
  status: 'Status',
  labels: 'Labels',
  components: 'Components',
  ownerId: 'Owner',
  estimateMinutes: 'Estimate',
  folderId: 'Folder',
};
