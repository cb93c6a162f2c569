import { Alert, Button, Stack, Text } from '@mantine/core';
import { useSession } from '../../auth';
import type { CaseFilters } from './caseFilters';

/** What an empty list means here, and what to do about it. */
export function EmptyCaseList({ filters, onClearFilters }: { filters: CaseFilters; onClearFilters: () => void }) {
  const { can } = useSession();
  const canModify = can('CASES_MODIFY');
  const filtered = Boolean(filters.text.trim() || filters.label.trim() || filters.status || filters.priority || filters.ownerId !== null);

  if (filtered) {
    return (
      <Alert color="blue" title="No case matches these filters">
        <Stack gap="xs" align="flex-start">
          <Text size="sm">Search for other words or a key, or clear the filters to see every case here.</Text>
          <Button size="xs" variant="light" onClick={onClearFilters}>
            Clear filters
          </Button>
        </Stack>
      </Alert>
    );
  }
  if (filters.archived) {
    return (
      <Alert color="blue" title="The archive is empty">
        Archived cases show here, with their history; restore one to edit it again.
      </Alert>
    );
  }
  if (filters.folder === 'unfiled') {
    return (
      <Alert color="blue" title="Every case is in a folder">
        Cases in no folder show here.
      </Alert>
    );
  }
  if (typeof filters.folder === 'number') {
    return (
      <Alert color="blue" title="No case in this folder yet">
        {canModify
          ? 'Add one with New case, or select cases in All cases and use Move to folder.'
          : 'Cases filed in this folder or its subfolders show here.'}
      </Alert>
    );
  }
  return (
    <Alert color="blue" title="No test case yet">
      {canModify
        ? 'Add the first one with New case, or import a CSV file (Download template shows the layout).'
        : 'Nobody has added a test case to this project yet.'}
    </Alert>
  );
}
