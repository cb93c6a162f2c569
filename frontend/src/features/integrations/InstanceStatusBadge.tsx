import { Badge, Stack, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { formatDateTime } from '../../lib/format';
import type { InstanceStatus, JiraInstance } from '../../lib/jiraInstance';

const STATUS: Record<InstanceStatus, { label: string; color: string }> = {
  UNCHECKED: { label: 'Not checked', color: 'gray' },
  ACTIVE: { label: 'Active', color: 'teal' },
  UNREACHABLE: { label: 'Unreachable', color: 'red' },
  NOT_CONNECTED: { label: 'Not connected', color: 'yellow' },
  CONNECTED: { label: 'Connected', color: 'green' },
  NEEDS_REAUTHENTICATION: { label: 'Needs re-authentication', color: 'orange' },
};

export function statusLabel(status: InstanceStatus): string {
  return STATUS[status].label;
}

function explanation(instance: JiraInstance): string {
  const checked = instance.checkedAt ? ` Last checked ${formatDateTime(instance.checkedAt)}.` : '';
  switch (instance.status) {
    case 'UNREACHABLE':
      return (instance.statusReason ?? 'Testbridge could not reach it.') + checked;
    case 'UNCHECKED':
      return 'Not checked yet.';
    case 'ACTIVE':
      return `Jira answers.${checked}`;
    case 'NOT_CONNECTED':
      return 'OAuth is on, but no administrator connection is configured.';
    case 'CONNECTED':
      return `Connected as ${instance.connectedAccount ?? 'a Jira user'} since ${formatDateTime(instance.connectedAt)}.`;
    case 'NEEDS_REAUTHENTICATION':
      return 'Jira no longer accepts the connection: update the OAuth configuration (wrench).';
  }
}

/** The status word, its reason on hover or focus, and the connected Jira account below. */
export function InstanceStatusBadge({ instance }: { instance: JiraInstance }) {
  const { label, color } = STATUS[instance.status];
  const reason = explanation(instance);
  return (
    <Stack gap={2} align="flex-start">
      <Tooltip label={reason} multiline maw={320} withArrow events={{ hover: true, focus: true, touch: true }}>
        <Badge color={color} variant="light" tt="none" size="md" tabIndex={0} style={{ cursor: 'help', overflow: 'visible' }}>
          {label}
        </Badge>
      </Tooltip>
      <VisuallyHidden>{reason}</VisuallyHidden>
      {instance.status === 'CONNECTED' && instance.connectedAccount && (
        <Text size="xs" c="dimmed">
          as {instance.connectedAccount}
        </Text>
      )}
    </Stack>
  );
}
