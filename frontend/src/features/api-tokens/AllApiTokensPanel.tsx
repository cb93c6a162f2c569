import { Alert, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { LoadFailure, LoadingState } from '../../components/PageStates';
import { allApiTokensQuery, revokeAnyApiToken, type ApiToken } from './api';
import { ApiTokensTable } from './ApiTokensTable';
import { RevokeTokenModal } from './RevokeTokenModal';

/** For administrators: every user's tokens, to revoke any of them (a leaked one, a leaver's). */
export function AllApiTokensPanel() {
  const tokens = useQuery(allApiTokensQuery);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);

  if (tokens.isPending) return <LoadingState />;
  if (tokens.isError) return <LoadFailure error={tokens.error} onRetry={() => void tokens.refetch()} />;
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        Every user’s personal API tokens. Revoking one stops it at once; disabling a user stops all of theirs.
      </Text>
      {tokens.data.length === 0 ? (
        <Alert color="blue" title="No API tokens">
          Users create their own under API tokens in their account menu.
        </Alert>
      ) : (
        <ApiTokensTable tokens={tokens.data} label="Everyone's API tokens" showOwner onRevoke={setRevoking} />
      )}
      {revoking && <RevokeTokenModal token={revoking} revoke={revokeAnyApiToken} onClose={() => setRevoking(null)} />}
    </Stack>
  );
}
