import type { CaseContent, Folder, Person } from '../api/types';
import { CONTENT_FIELD_LABELS, PRIORITY_LABELS, STATUS_LABELS } from '../caseFields';
import { folderPath } from '../folderTree';

/** Names of what a version changed, as the server lists them (fields, or created / imported / cloned from …). */
const CHANGE_LABELS: Record<string, string> = {
  title: 'Title',
  precondition: 'Precondition',
  steps: 'Steps',
  priority: 'Priority',
  status: 'Status',
  labels: 'Labels',
  components: 'Components',
  owner: 'Owner',
  estimate: 'Estimate',
  folder: 'Folder',
  created: 'Created',
  imported: 'Imported',
};

/** "Created, Title, Steps" for a version's changes; "cloned from SHOP-TC-3" stays as it is. */
export function describeChanges(changes: readonly string[]): string {
  if (changes.length === 0) return 'Nothing';
  const named = changes.map((change) => CHANGE_LABELS[change] ?? change);
  return named.map((name, index) => (index === 0 ? name.charAt(0).toUpperCase() + name.slice(1) : name)).join(', ');
}

export function fieldLabel(field: string): string {
  return CONTENT_FIELD_LABELS[field as keyof CaseContent] ?? field;
}

export interface Names {
  people: readonly Person[];
  folders: readonly Folder[];
}

/** A value of the API as text: strings and numbers as they are, anything else as JSON. */
function plain(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** A field's value as a person reads it: names instead of ids, labels instead of codes. */
export function fieldValueText(field: string, value: unknown, { people, folders }: Names): string {
  if (value === null || value === undefined || value === '') {
    return { ownerId: 'Nobody', folderId: 'No folder' }[field] ?? '(empty)';
  }
  switch (field) {
    case 'priority':
      return PRIORITY_LABELS[value as keyof typeof PRIORITY_LABELS] ?? plain(value);
    case 'status':
      return STATUS_LABELS[value as keyof typeof STATUS_LABELS] ?? plain(value);
    case 'labels':
    case 'components':
      return Array.isArray(value) && value.length > 0 ? value.map(plain).join(', ') : '(none)';
    case 'ownerId':
      return people.find((person) => person.id === value)?.displayName ?? `User ${plain(value)}`;
    case 'estimateMinutes':
      return `${plain(value)} min`;
    case 'folderId':
      return typeof value === 'number' && folders.some((folder) => folder.id === value) ? folderPath(folders, value) : `A deleted folder (${plain(value)})`;
    default:
      return plain(value);
  }
}
