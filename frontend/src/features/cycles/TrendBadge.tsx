import { Badge, Tooltip } from '@mantine/core';
import { TREND, type Trend } from './automation';

/** "New failure", "Still failing" or "Fixed": an automated result against the test's previous one. */
export function TrendBadge({ trend }: { trend: Trend }) {
  const { label, color, description } = TREND[trend];
  return (
    <Tooltip label={description}>
      <Badge color={color} variant="outline" size="sm" tt="none" style={{ flexShrink: 0 }}>
        {label}
      </Badge>
    </Tooltip>
  );
}
