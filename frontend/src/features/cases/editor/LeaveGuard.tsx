import { Button, Group, Stack, Text } from '@mantine/core';
import { useEffect } from 'react';
import { useBlocker } from 'react-router';
import { Modal } from '../../../components/dialogs';
import { useWarnBeforeUnload } from '../../../lib/saving';
import type { SaveStatus } from './CaseAutosaver';

/**
 * Leaving the editor with changes not saved: a page unload gets the browser's warning; a move
 * inside the app saves at once and goes on when saved, and asks only if it cannot be saved.
 */
export function LeaveGuard({ status, onSaveNow }: { status: SaveStatus; onSaveNow: () => void }) {
  const unsaved = status.kind !== 'saved';
  useWarnBeforeUnload(unsaved);

  const blocker = useBlocker(({ currentLocation, nextLocation }) => unsaved && currentLocation.pathname !== nextLocation.pathname);
  const blocked = blocker.state === 'blocked';
  // Once per blocked navigation: save now.
  useEffect(() => {
    if (blocked) onSaveNow();
  }, [blocked, onSaveNow]);
  // Saved meanwhile: go on.
  useEffect(() => {
    if (blocker.state === 'blocked' && !unsaved) blocker.proceed();
  }, [blocker, unsaved]);

  const waiting = status.kind === 'pending' || status.kind === 'saving';
  if (blocker.state !== 'blocked' || waiting) return null;
  return (
    <Modal opened onClose={() => blocker.reset()} title="Leave without saving?">
      <Stack>
        <Text size="sm">
          {status.kind === 'conflict'
            ? 'Someone else saved this case since you opened it; your changes are not saved.'
            : status.kind === 'retrying'
              ? 'Testbridge cannot be reached just now; your last changes are not saved yet.'
              : 'Your last changes are not saved.'}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => blocker.reset()} data-autofocus>
            Stay
          </Button>
          <Button color="red" onClick={() => blocker.proceed()}>
            Leave anyway
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
