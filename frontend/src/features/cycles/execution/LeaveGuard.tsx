import { Button, Group, Stack, Text } from '@mantine/core';
import { useEffect } from 'react';
import { useBlocker } from 'react-router';
import { Modal } from '../../../components/dialogs';

/**
 * Leaving the execution screen (for another page of the app) while results are not saved: asks.
 * Nothing is lost either way (unsaved results stay in this browser and are sent when the cycle is
 * opened again), but they reach the server only then. Other cases of the cycle are not "leaving".
 * If everything gets saved while it asks (the network is back), it goes where the person was going.
 */
export function LeaveGuard({ unsaved }: { unsaved: boolean }) {
  const blocker = useBlocker(({ currentLocation, nextLocation }) => unsaved && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (blocker.state === 'blocked' && !unsaved) blocker.proceed();
  }, [blocker, unsaved]);
  if (blocker.state !== 'blocked' || !unsaved) return null;
  return (
    <Modal opened onClose={() => blocker.reset()} title="Results not saved yet">
      <Stack>
        <Text size="sm">
          Some results have not reached Testbridge yet. They are kept in this browser and sent when you open this cycle again; stay to
          let them be saved now.
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
