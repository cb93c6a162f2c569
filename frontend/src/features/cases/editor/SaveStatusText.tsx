import { Button, Group, Text } from '@mantine/core';
import type { SaveStatus } from './CaseAutosaver';

function describe(status: SaveStatus): { text: string; color?: string } {
  switch (status.kind) {
    case 'saved':
      return { text: 'Saved', color: 'dimmed' };
    case 'pending':
      return { text: 'Unsaved changes', color: 'dimmed' };
    case 'saving':
      return { text: 'Saving…', color: 'dimmed' };
    case 'retrying':
      return { text: 'Not saved — retrying', color: 'orange' };
    case 'refused':
      return { text: `Not saved — ${status.message}`, color: 'red' };
    case 'conflict':
      return { text: 'Not saved — someone else saved this case', color: 'red' };
  }
}

/** Where the autosave stands, announced politely; a retry can be asked for at once. */
export function SaveStatusText({ status, onRetryNow }: { status: SaveStatus; onRetryNow: () => void }) {
  const { text, color } = describe(status);
  return (
    <Group gap="xs" wrap="nowrap">
      <Text size="sm" c={color} role="status" aria-live="polite" data-testid="save-status">
        {text}
      </Text>
      {status.kind === 'retrying' && (
        <Button size="compact-xs" variant="light" color="orange" onClick={onRetryNow} title={status.message}>
          Retry now
        </Button>
      )}
    </Group>
  );
}
