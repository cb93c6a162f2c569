import { Alert, Button, Checkbox, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Modal } from '../../components/dialogs';
import { SearchIcon } from '../../components/icons';
import { describeError, showApiError } from '../../lib/forms/showApiError';
import { addSuiteCases, CASE_PICKER_SIZE, casesToAddQuery, suiteQuery, suitesQuery, type SuiteDetail } from './api';

interface AddCasesDialogProps {
  suite: SuiteDetail;
  onClose: () => void;
}

/** Picks existing cases of the project (search, several at once) and adds them to the end of the suite. */
export function AddCasesDialog({ suite, onClose }: AddCasesDialogProps) {
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [search] = useDebouncedValue(text.trim(), 300);
  const found = useQuery(casesToAddQuery(suite.projectId, search));
  // Picked cases by id, kept across searches, in the order picked.
  const [picked, setPicked] = useState<Map<number, string>>(new Map());
  const inSuite = new Set(suite.cases.map((testCase) => testCase.id));
  const count = picked.size === 1 ? '1 case' : `${picked.size} cases`;

  const add = useMutation({
    mutationFn: () => addSuiteCases(suite.id, [...picked.keys()]),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: suiteQuery(suite.id).queryKey });
      void queryClient.invalidateQueries({ queryKey: suitesQuery(suite.projectId).queryKey });
      void queryClient.invalidateQueries({ queryKey: ['cases'] });
      notifications.show({ color: 'green', message: `Added ${count} to ${suite.name}.` });
      onClose();
    },
    onError: (error) => showApiError(error, 'Could not add the cases'),
  });

  const toggle = (caseId: number, key: string, checked: boolean) =>
    setPicked((current) => {
      const next = new Map(current);
      if (checked) next.set(caseId, key);
      else next.delete(caseId);
      return next;
    });
  const items = found.data?.items ?? [];

  return (
    <Modal opened onClose={onClose} title={`Add cases to ${suite.name}`} size="xl">
      <Stack>
        <TextInput
          label="Find cases"
          placeholder="Words or a key (TC-12)"
          leftSection={<SearchIcon size={16} />}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          type="search"
          data-autofocus
        />
        {found.isError && (
          <Alert color="red" title="Could not search the cases">
            {describeError(found.error)}
          </Alert>
        )}
        {found.data && items.length === 0 && (
          <Text size="sm" c="dimmed">
            {search ? 'No case matches; try other words or a key.' : 'This project has no test case yet; add them under Test cases.'}
          </Text>
        )}
        {items.length > 0 && (
          <Table aria-label="Cases to add" striped aria-busy={found.isFetching}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={40}>
                  <Text component="span" size="sm" fw={700}>
                    Add
                  </Text>
                </Table.Th>
                <Table.Th w={130}>Key</Table.Th>
                <Table.Th>Title</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((testCase) => (
                <Table.Tr key={testCase.id}>
                  <Table.Td>
                    <Checkbox
                      aria-label={inSuite.has(testCase.id) ? `${testCase.key} is in the suite` : `Select ${testCase.key}`}
                      checked={inSuite.has(testCase.id) || picked.has(testCase.id)}
                      disabled={inSuite.has(testCase.id)}
                      onChange={(event) => toggle(testCase.id, testCase.key, event.currentTarget.checked)}
                    />
                  </Table.Td>
                  <Table.Td>{testCase.key}</Table.Td>
                  <Table.Td>{testCase.title}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {found.data && found.data.total > CASE_PICKER_SIZE && (
          <Text size="xs" c="dimmed">
            Showing {CASE_PICKER_SIZE} of {found.data.total} cases; search to find the others.
          </Text>
        )}
        <Group justify="space-between">
          <Text size="sm" c="dimmed" aria-live="polite">
            {picked.size > 0 ? `${count} chosen: ${[...picked.values()].join(', ')}` : 'Choose the cases to add.'}
          </Text>
          <Group gap="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button onClick={() => add.mutate()} disabled={picked.size === 0} loading={add.isPending}>
              {picked.size > 0 ? `Add ${count}` : 'Add'}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
