import { Alert, Button, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { showApiError } from '../../../lib/forms/showApiError';
import { restoreCases } from '../api/cases';
import { useRefreshRepository } from '../api/refresh';
import type { TestCase } from '../api/types';

/** An archived case opens read-only; restoring it makes it editable where it was. */
export function ArchivedNotice({ testCase, canRestore }: { testCase: TestCase; canRestore: boolean }) {
  const refresh = useRefreshRepository(testCase.projectId);
  const restore = useMutation({
    mutationFn: () => restoreCases(testCase.projectId, [testCase.id]),
    onSuccess: async () => {
      await refresh();
      notifications.show({ color: 'green', message: `Restored ${testCase.key}.` });
    },
    onError: (error) => showApiError(error, 'Could not restore the case'),
  });
  return (
    <Alert color="gray" title="This case is in the archive">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">It is read-only, kept with its history and suites{canRestore ? '; restore it to edit it.' : '.'}</Text>
        {canRestore && (
          <Button size="xs" onClick={() => restore.mutate()} loading={restore.isPending}>
            Restore
          </Button>
        )}
      </Stack>
    </Alert>
  );
}
