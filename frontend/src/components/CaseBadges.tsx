import { Badge } from '@mantine/core';
import type { Schemas } from '../api/client';
import { PRIORITY_COLORS, PRIORITY_LABELS, STATUS_COLORS, STATUS_LABELS } from '../lib/caseLabels';

type CaseStatus = Schemas['CaseStatus'];
type Priority = Schemas['Priority'];

// Shown whole, never "REA…": a badge's label may shrink to nothing in a narrow table column, so
// these short words keep their own width (min-width: max-content). Their case is the theme's: as written.

export function StatusBadge({ status }: { status: CaseStatus }) {
  return (
    <Badge variant="light" color={STATUS_COLORS[status]} radius="sm" miw="max-content">
      {STATUS_LABELS[status]}
    </Badge>
  );
}

export function PriorityBadge({ priority }: { priority: Priority }) {
  return (
    <Badge variant="dot" color={PRIORITY_COLORS[priority]} radius="sm" miw="max-content">
      {PRIORITY_LABELS[priority]}
    </Badge>
  );
}
