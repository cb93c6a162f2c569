import { Badge, Button, Code, Group, Stack, Table, Text } from '@mantine/core';
import { HiddenHeader } from '../../components/HiddenHeader';
import { formatDateTime } from '../../lib/format';
import type { ApiToken } from './api';

const STATUS_COLOR: Record<ApiToken['status'], string> = { active: 'green', expired: 'gray', revoked: 'red' };

/** Tokens with when they were created, expire and were last used; never their secrets. */
export function ApiTokensTable({
  tokens,
  label,
  showOwner = false,
  onRevoke,
}: {
  tokens: ApiToken[];
  label: string;
  showOwner?: boolean;
  onRevoke: (token: ApiToken) => void;
}) {
  return (
    <Table.ScrollContainer minWidth={showOwner ? 860 : 760}>
      <Table striped highlightOnHover aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            {showOwner && <Table.Th>Owner</Table.Th>}
            <Table.Th>Scopes</Table.Th>
            <Table.Th>Created</Table.Th>
            <Table.Th>Expires</Table.Th>
            <Table.Th>Last used</Table.Th>
            <Table.Th>Status</Table.Th>
            <HiddenHeader>Actions</HiddenHeader>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tokens.map((token) => (
            <Table.Tr key={token.id}>
              <Table.Td>
                <Stack gap={2}>
                  <Text size="sm" fw={600}>
                    {token.name}
                  </Text>
                  <Code aria-label={`Token beginning ${token.prefix}`}>{token.prefix}…</Code>
                </Stack>
              </Table.Td>
              {showOwner && (
                <Table.Td>
                  {token.owner.displayName} ({token.owner.username})
                </Table.Td>
              )}
              <Table.Td>
                <Group gap={4}>
                  {token.scopes.map((scope) => (
                    <Badge key={scope} variant="light" tt="none">
                      {scope}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>{formatDateTime(token.createdAt)}</Table.Td>
              <Table.Td>{formatDateTime(token.expiresAt)}</Table.Td>
              <Table.Td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : 'Never'}</Table.Td>
              <Table.Td>
                <Badge color={STATUS_COLOR[token.status]} variant="light">
                  {token.status}
                </Badge>
              </Table.Td>
              <Table.Td>
                {token.status === 'active' && (
                  <Button size="xs" variant="default" color="red" aria-label={`Revoke ${token.name}`} onClick={() => onRevoke(token)}>
                    Revoke
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
