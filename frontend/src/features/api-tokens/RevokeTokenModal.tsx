import { Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Modal } from '../../components/dialogs';
import { showApiError } from '../../lib/forms/showApiError';
import { apiTokensKey, type ApiToken } from './api';

/** Asks before revoking: whatever uses the token is refused from then on. */
export function RevokeTokenModal({
  token,
  revoke,
  onClose,
}: {
  token: ApiToken;
  revoke: (tokenId: number) => Promise<void>;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const revoking = useMutation({
    mutationFn: () => revoke(token.id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: apiTokensKey });
      notifications.show({ color: 'green', message: `Revoked ${token.name}.` });
      onClose();
    },
    onError: (error) => showApiError(error, 'Could not revoke the token'),
  });

  return (
    <Modal opened onClose={onClose} title={`Revoke ${token.name}?`}>
      <Stack>
        <Text size="sm">
          Anything that uses {token.prefix}… (a CI pipeline, a script) is refused from now on. This cannot be undone: create
          a new token if you need one again.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            Cancel
          </Button>
          <Button color="red" loading={revoking.isPending} onClick={() => revoking.mutate()}>
            Revoke
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
