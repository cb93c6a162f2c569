import { Badge } from '@mantine/core';
import type { RunStatus } from './api';
import { RUN_STATUS } from './runStatus';

export function RunStatusBadge({ status, size = 'sm' }: { status: RunStatus; size?: 'xs' | 'sm' | 'md' }) {
  const { label, color } = RUN_STATUS[status];
  return (
    <Badge color={color} variant="light" size={size} tt="none">
      {label}
    </Badge>
  );
}
