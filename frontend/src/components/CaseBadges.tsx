import { Badge } from '@mantine/core';
import type { Schemas } from '../api/client';
import { PRIORITY_COLORS, PRIORITY_LABELS, STATUS_COLORS, STATUS_LABELS } from '../lib/caseLabels';

type CaseStatus = Schemas['CaseStatus'];
type Priority = Schemas['Priority'];

export function StatusBadge({ status }: { status: CaseStatus }) {
  return (
    <Badge variant="light" color={STATUS_COLORS[status]} radius="sm">
      {STATUS_LABELS[status]}
    </Badge>
  );
}

export function PriorityBadge({ priority }: { priority: Priority }) {
  return (
    <Badge variant="dot" color={PRIORITY_COLORS[priority]} radius="sm">
      {PRIORITY_LABELS[priority]}
    </Badge>
  );
}
