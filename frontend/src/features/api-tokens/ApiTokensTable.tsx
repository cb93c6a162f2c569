import { Badge, Button, Code, Group, Stack, Table, Text } from '@mantine/core';
import { HiddenHeader } from '../../components/HiddenHeader';
import { formatDate, formatDateTime } from '../../lib/format';
import type { ApiToken } from './api';

const STATUS_COLOR: Record<ApiToken['status'], string> = { active: 'green', expired: 'gray', revoked: 'red' };

/**
 * Tokens with when they were created, expire and were last used; never their secrets. Three
 * columns whose cells wrap, so the table fits a phone (390 px) without scrolling sideways.
 */
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
    <Table striped highlightOnHover aria-label={label} verticalSpacing="sm">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Token</Table.Th>
          <Table.Th>Dates</Table.Th>
          <HiddenHeader>Actions</HiddenHeader>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {tokens.map((token) => (
          <Table.Tr key={token.id}>
            <Table.Td>
              <Stack gap={4} align="flex-start">
                <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                  {token.name}
                </Text>
                <Badge color={STATUS_COLOR[token.status]} variant="light" style={{ flexShrink: 0 }}>
                  {token.status}
                </Badge>
                <Code aria-label={`Token beginning ${token.prefix}`}>{token.prefix}…</Code>
                {showOwner && (
                  <Text size="xs">
                    Owner: {token.owner.displayName} ({token.owner.username})
                  </Text>
                )}
                <Group gap={4}>
                  {token.scopes.map((scope) => (
                    <Badge key={scope} variant="light" tt="none" size="sm">
                      {scope}
                    </Badge>
                  ))}
                </Group>
              </Stack>
            </Table.Td>
            <Table.Td>
              <Stack gap={2}>
                <Text size="xs">Created {formatDate(token.createdAt)}</Text>
                <Text size="xs" title={formatDateTime(token.expiresAt)}>
                  {token.status === 'expired' ? 'Expired' : 'Expires'} {formatDate(token.expiresAt)}
                </Text>
                <Text size="xs">Last used {token.lastUsedAt ? formatDateTime(token.lastUsedAt) : 'Never'}</Text>
              </Stack>
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
  );
}
