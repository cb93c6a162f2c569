import { Badge } from '@mantine/core';
import type { ConnectionStatus } from './api';

export const CONNECTION_STATUS: Record<ConnectionStatus, { label: string; color: string }> = {
  NOT_CONNECTED: { label: 'Not connected', color: 'gray' },
  CONNECTED: { label: 'Connected', color: 'green' },
  NEEDS_REAUTHENTICATION: { label: 'Needs re-authentication', color: 'orange' },
};

export function ConnectionStatusBadge({ status }: { status: ConnectionStatus }) {
  const { label, color } = CONNECTION_STATUS[status];
  return (
    <Badge color={color} variant="light" tt="none">
      {label}
    </Badge>
  );
}
