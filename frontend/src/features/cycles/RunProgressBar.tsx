import { Progress, Text, Tooltip } from '@mantine/core';
import type { Progress as Counts } from './api';
import { RUN_STATUS, RUN_STATUSES } from './runStatus';

/** "3 of 5 run: 2 pass, 1 fail, 2 not run", or "No cases yet". */
export function describeProgress(progress: Counts): string {
  const { total } = progress;
  if (total === 0) return 'No cases yet';
  const done = total - progress.NOT_RUN - progress.IN_PROGRESS;
  const counts = RUN_STATUSES.filter((status) => progress[status] > 0);
  return `${done} of ${total} run: ${counts.map((status) => `${progress[status]} ${RUN_STATUS[status].label.toLowerCase()}`).join(', ')}`;
}

/**
 * A cycle's progress: one bar in sections by status, and the counts in words under it (so the
 * numbers are there for everyone, not only for those who tell the colours apart or hover).
 */
export function RunProgressBar({ progress, label, size = 'lg' }: { progress: Counts; label: string; size?: 'sm' | 'md' | 'lg' }) {
  const summary = describeProgress(progress);
  return (
    <div>
      <Progress.Root size={size} role="img" aria-label={`${label}: ${summary}`}>
        {progress.total > 0 &&
          RUN_STATUSES.filter((status) => progress[status] > 0).map((status) => (
            <Tooltip key={status} label={`${RUN_STATUS[status].label}: ${progress[status]}`}>
              <Progress.Section
                value={(100 * progress[status]) / progress.total}
                color={status === 'NOT_RUN' ? 'gray.3' : RUN_STATUS[status].color}
                aria-label={`${RUN_STATUS[status].label}: ${progress[status]}`}
              />
            </Tooltip>
          ))}
      </Progress.Root>
      <Text size="xs" c="dimmed" mt={4} aria-hidden="true">
        {summary}
      </Text>
    </div>
  );
}
