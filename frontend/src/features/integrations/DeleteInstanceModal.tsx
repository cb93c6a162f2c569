import { Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Modal } from '../../components/dialogs';
import { showApiError } from '../../lib/forms/showApiError';
import { integrationsKey, type JiraInstance } from '../../lib/jiraInstance';
import { deleteInstance } from './api';

export function DeleteInstanceModal({ instance, onClose }: { instance: JiraInstance; onClose: () => void }) {
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => deleteInstance(instance.id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: integrationsKey });
      notifications.show({ color: 'green', message: `Removed ${instance.name}.` });
      onClose();
    },
    onError: (error) => showApiError(error, 'Could not remove the instance'),
  });

  return (
    <Modal opened onClose={onClose} title={`Delete ${instance.name}?`}>
      <Stack>
        <Text size="sm">
          Testbridge forgets {instance.baseUrl}, its OAuth configuration and every user’s token for it. The OAuth
          history keeps the record.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            Cancel
          </Button>
          <Button color="red" loading={remove.isPending} onClick={() => remove.mutate()}>
            Delete
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
