import { Button, Group, List, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Modal } from '../../components/dialogs';
import { showApiError } from '../../lib/forms/showApiError';
import { integrationsKey, type JiraInstance } from '../../lib/jiraInstance';
import { disableOAuth } from './api';

/** The Enable OAuth toggle turned off: confirm, then delete the secret and every token. */
export function DisableOAuthModal({ instance, onClose }: { instance: JiraInstance; onClose: () => void }) {
  const queryClient = useQueryClient();
  const disable = useMutation({
    mutationFn: () => disableOAuth(instance.id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: integrationsKey });
      notifications.show({ color: 'green', message: `OAuth is off for ${instance.name}.` });
      onClose();
    },
    onError: (error) => showApiError(error, 'Could not disable OAuth'),
  });

  return (
    <Modal opened onClose={onClose} title={`Disable OAuth for ${instance.name}?`}>
      <Stack>
        <List size="sm" spacing={4}>
          <List.Item>Testbridge deletes the client secret and every token: the administrator’s and every tester’s.</List.Item>
          <List.Item>Nobody can work with Jira through this instance until OAuth is enabled again.</List.Item>
          <List.Item>The OAuth history keeps the record.</List.Item>
        </List>
        <Text size="sm" c="dimmed">
          Jira offers no way to revoke the tokens remotely; users can remove Testbridge from their Jira profile.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            Cancel
          </Button>
          <Button color="red" loading={disable.isPending} onClick={() => disable.mutate()}>
            Disable OAuth
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
