import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { LoadFailure, LoadingState } from '../../components/PageStates';
import { myApiTokensQuery, revokeMyApiToken, type ApiToken } from './api';
import { ApiTokensTable } from './ApiTokensTable';
import { CreateTokenModal } from './CreateTokenModal';
import { RevokeTokenModal } from './RevokeTokenModal';

export const API_TOKENS_PATH = '/me/api-tokens';

/** The user's own personal API tokens: create (the secret shown once), list, revoke. */
export function ApiTokensPage() {
  const tokens = useQuery(myApiTokensQuery);
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);

  return (
    <Stack>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Stack gap={4} maw={640}>
          <Title order={1}>API tokens</Title>
          <Text size="sm" c="dimmed">
            For automation such as CI pipelines: a token sent as <code>Authorization: Bearer</code> acts as you, with your
            rights narrowed to its scopes. It cannot log in, change passwords, users or roles, or create tokens.
          </Text>
        </Stack>
        <Button onClick={() => setCreating(true)}>Create token</Button>
      </Group>
      {tokens.isPending && <LoadingState />}
      {tokens.isError && <LoadFailure error={tokens.error} onRetry={() => void tokens.refetch()} />}
      {tokens.data?.length === 0 && (
        <Alert color="blue" title="No API tokens yet">
          Create one for each pipeline or script, so that you can revoke one without stopping the others.
        </Alert>
      )}
      {tokens.data && tokens.data.length > 0 && <ApiTokensTable tokens={tokens.data} label="My API tokens" onRevoke={setRevoking} />}
      {creating && <CreateTokenModal onClose={() => setCreating(false)} />}
      {revoking && <RevokeTokenModal token={revoking} revoke={revokeMyApiToken} onClose={() => setRevoking(null)} />}
    </Stack>
  );
}
