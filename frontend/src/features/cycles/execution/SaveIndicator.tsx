import { Button, Group, Text } from '@mantine/core';
import type { QueueSummary, SaveState } from './saveQueue';

/**
 * Where every result of the page stands: Saving…, All saved, or Not saved (retrying, or refused
 * with the server's reason) with Retry now. A status region: screen readers hear it change.
 */
export function SaveIndicator({ summary, onRetryNow }: { summary: QueueSummary; onRetryNow: () => void }) {
  const { text, color } = describeSummary(summary);
  const stuck = summary.kind === 'retrying' || summary.kind === 'refused';
  return (
    // The message wraps (a server's reason can be long); Retry now never shrinks.
    <Group gap="xs" wrap="nowrap" style={{ minWidth: 0, maxWidth: '36rem' }}>
      <Text size="sm" c={color} fw={stuck ? 600 : undefined} role="status" data-testid="save-status" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
        {text}
      </Text>
      {stuck && (
        <Button size="compact-xs" variant="light" color={color} onClick={onRetryNow} style={{ flexShrink: 0 }}>
          Retry now
        </Button>
      )}
    </Group>
  );
}

function describeSummary(summary: QueueSummary): { text: string; color?: string } {
  switch (summary.kind) {
    case 'idle':
      return { text: 'No changes yet', color: 'dimmed' };
    case 'saved':
      return { text: 'All changes saved', color: 'dimmed' };
    case 'saving':
      return { text: 'Saving…', color: 'dimmed' };
    case 'retrying':
      return { text: `Not saved — retrying (${summary.count} ${summary.count === 1 ? 'step' : 'steps'}): ${summary.message}`, color: 'orange' };
    case 'refused':
      return { text: `Not saved: ${summary.message}`, color: 'red' };
  }
}

interface StepSaveStatusProps {
  state: SaveState | undefined;
  stepNumber: number;
  onRetryNow: () => void;
  onDiscard: () => void;
}

/** One step's save: Saving…, Saved, or Not saved with what to do about it. */
export function StepSaveStatus({ state, stepNumber, onRetryNow, onDiscard }: StepSaveStatusProps) {
  if (!state) return null;
  switch (state.kind) {
    case 'pending':
    case 'saving':
      return (
        <Text size="xs" c="dimmed">
          Saving…
        </Text>
      );
    case 'saved':
      return (
        <Text size="xs" c="dimmed">
          Saved
        </Text>
      );
    case 'retrying':
      return (
        <Group gap={6}>
          <Text size="xs" c="orange" fw={600}>
            Not saved — retrying
          </Text>
          <Button size="compact-xs" variant="subtle" color="orange" onClick={onRetryNow} aria-label={`Retry now (step ${stepNumber})`}>
            Retry now
          </Button>
        </Group>
      );
    case 'refused':
      return (
        <Group gap={6}>
          <Text size="xs" c="red" fw={600}>
            Not saved: {state.message}
          </Text>
          <Button size="compact-xs" variant="subtle" color="red" onClick={onRetryNow} aria-label={`Retry (step ${stepNumber})`}>
            Retry
          </Button>
          <Button size="compact-xs" variant="subtle" color="gray" onClick={onDiscard} aria-label={`Discard the unsaved change of step ${stepNumber}`}>
            Discard
          </Button>
        </Group>
      );
  }
}
