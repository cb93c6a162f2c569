import { ActionIcon, Anchor, Group, Stack, Switch, Table, Text, Tooltip } from '@mantine/core';
import type { ReactNode } from 'react';
import { LogIcon, PencilIcon, RefreshIcon, TrashIcon, WrenchIcon } from '../../components/icons';
import { DEPLOYMENT_LABELS, type JiraInstance } from '../../lib/jiraInstance';
import { InstanceStatusBadge } from './InstanceStatusBadge';

export type InstanceAction = 'enable-oauth' | 'disable-oauth' | 'update-oauth' | 'history' | 'check' | 'edit' | 'delete';

interface InstanceRowProps {
  instance: JiraInstance;
  canModify: boolean;
  checking: boolean;
  onAction: (action: InstanceAction, instance: JiraInstance) => void;
}

function IconAction({ label, onClick, children, loading, color }: {
  label: string;
  onClick: () => void;
  children: ReactNode;
  loading?: boolean;
  color?: string;
}) {
  return (
    <Tooltip label={label} withArrow openDelay={300}>
      <ActionIcon variant="subtle" color={color ?? 'gray'} aria-label={label} onClick={onClick} loading={loading}>
        {children}
      </ActionIcon>
    </Tooltip>
  );
}

/** One instance of the Integrations table, with its OAuth toggle and actions. */
export function InstanceRow({ instance, canModify, checking, onAction }: InstanceRowProps) {
  const unavailableId = `oauth-unavailable-${instance.id}`;
  const { name } = instance;
  return (
    <Table.Tr data-instance-id={instance.id}>
      <Table.Td>
        <Text size="sm" fw={500}>
          {name}
        </Text>
        {instance.serverTitle && instance.serverTitle !== name && (
          <Text size="xs" c="dimmed">
            {instance.serverTitle}
          </Text>
        )}
      </Table.Td>
      <Table.Td style={{ wordBreak: 'break-all' }}>
        <Anchor href={instance.baseUrl} target="_blank" rel="noopener noreferrer" size="sm">
          {instance.baseUrl}
        </Anchor>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{DEPLOYMENT_LABELS[instance.deployment]}</Table.Td>
      <Table.Td>
        <InstanceStatusBadge instance={instance} />
      </Table.Td>
      <Table.Td>
        {instance.version ??
          (instance.versionNote ? (
            <Text size="sm" c="dimmed" maw={200}>
              {instance.versionNote}
            </Text>
          ) : (
            '—'
          ))}
      </Table.Td>
      <Table.Td>
        <Stack gap={4} maw={240}>
          {canModify ? (
            <Switch
              aria-label={`OAuth for ${name}`}
              checked={instance.oauthEnabled}
              disabled={!instance.oauthAvailable && !instance.oauthEnabled}
              aria-describedby={instance.oauthAvailable ? undefined : unavailableId}
              onChange={(event) => onAction(event.currentTarget.checked ? 'enable-oauth' : 'disable-oauth', instance)}
            />
          ) : (
            <Text size="sm">{instance.oauthEnabled ? 'On' : 'Off'}</Text>
          )}
          {!instance.oauthAvailable && (
            <Text size="xs" c="dimmed" id={unavailableId}>
              OAuth unavailable: {instance.oauthUnavailableReason}
            </Text>
          )}
        </Stack>
      </Table.Td>
      {canModify && (
        <Table.Td>
          <Group gap={2} wrap="nowrap">
            {instance.oauthEnabled && (
              <IconAction label={`Update OAuth configuration of ${name}`} onClick={() => onAction('update-oauth', instance)}>
                <WrenchIcon />
              </IconAction>
            )}
            <IconAction label={`OAuth history of ${name}`} onClick={() => onAction('history', instance)}>
              <LogIcon />
            </IconAction>
            <IconAction label={`Check ${name} now`} onClick={() => onAction('check', instance)} loading={checking}>
              <RefreshIcon />
            </IconAction>
            <IconAction label={`Edit ${name}`} onClick={() => onAction('edit', instance)}>
              <PencilIcon />
            </IconAction>
            <IconAction label={`Delete ${name}`} color="red" onClick={() => onAction('delete', instance)}>
              <TrashIcon />
            </IconAction>
          </Group>
        </Table.Td>
      )}
    </Table.Tr>
  );
}
