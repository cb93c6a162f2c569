import { Alert, Button, Group, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Modal } from '../../components/dialogs';
import { showApiError } from '../../lib/forms/showApiError';
import { addSuiteCases, suiteQuery, suitesQuery } from './api';

export interface AddToSuiteDialogProps {
  projectId: number;
  caseIds: number[];
  onClose: () => void;
}

/** "Add to suite…" of the repository's list: the chosen cases go to the end of a suite of the project. */
export function AddToSuiteDialog({ projectId, caseIds, onClose }: AddToSuiteDialogProps) {
  const queryClient = useQueryClient();
  const suites = useQuery(suitesQuery(projectId));
  const [suiteId, setSuiteId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const count = caseIds.length === 1 ? '1 case' : `${caseIds.length} cases`;

  const add = useMutation({
    mutationFn: (suite: number) => addSuiteCases(suite, caseIds),
    onSuccess: (_, suite) => {
      void queryClient.invalidateQueries({ queryKey: suiteQuery(suite).queryKey });
      void queryClient.invalidateQueries({ queryKey: suitesQuery(projectId).queryKey });
      // An open case lists its suites.
      void queryClient.invalidateQueries({ queryKey: ['cases'] });
      const name = suites.data?.find((candidate) => candidate.id === suite)?.name ?? 'the suite';
      notifications.show({ color: 'green', message: `Added ${count} to ${name}.` });
      onClose();
    },
    onError: (failure) => showApiError(failure, 'Could not add the cases to the suite'),
  });

  return (
    <Modal opened onClose={onClose} title={`Add ${count} to a suite`}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!suiteId) setError('Choose a suite');
          else add.mutate(Number(suiteId));
        }}
        noValidate
      >
        <Stack>
          {suites.data?.length === 0 ? (
            <Alert color="blue" title="No suite yet">
              Add a suite under Test suites first.
            </Alert>
          ) : (
            <Select
              label="Suite"
              placeholder={suites.isPending ? 'Loading…' : 'Choose a suite'}
              data={(suites.data ?? []).map((suite) => ({ value: String(suite.id), label: suite.name }))}
              value={suiteId}
              onChange={(value) => {
                setSuiteId(value);
                setError(null);
              }}
              error={error}
              searchable
              data-autofocus
            />
          )}
          <Text size="xs" c="dimmed">
            Cases already in the suite stay where they are; the others go to its end.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={add.isPending} disabled={suites.data?.length === 0}>
              Add to suite
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
