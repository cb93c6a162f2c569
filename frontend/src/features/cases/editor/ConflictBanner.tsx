import { Alert, Button, CopyButton, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { Modal } from '../../../components/dialogs';
import { contentOf, type CaseContent, type TestCase } from '../api/types';
import { caseAsText, differingFields } from './caseText';

interface ConflictBannerProps {
  theirs: TestCase;
  mine: CaseContent;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}

/**
 * Someone saved the case after this editor loaded it. Nothing is saved until the person chooses:
 * keep theirs on top of the other, or take the other (after copying theirs, if they like).
 */
export function ConflictBanner({ theirs, mine, onKeepMine, onTakeTheirs }: ConflictBannerProps) {
  const [confirming, setConfirming] = useState(false);
  const name = theirs.updatedBy?.name ?? 'Someone';
  const differing = differingFields(mine, contentOf(theirs));

  return (
    <Alert color="orange" title={`${name} saved this case since you opened it`} role="alert">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">
          Your text is still in the editor, not saved.
          {differing.length > 0 && ` Yours differs from theirs in: ${differing.join(', ')}.`}
        </Text>
        <Group gap="xs">
          <Button size="xs" onClick={onKeepMine}>
            Keep mine
          </Button>
          <Button size="xs" variant="default" onClick={() => setConfirming(true)}>
            Take theirs
          </Button>
        </Group>
      </Stack>
      {confirming && (
        <Modal opened onClose={() => setConfirming(false)} title="Take theirs?">
          <Stack>
            <Text size="sm">
              The editor will show the case as {name} saved it, and your changes will be gone. Copy yours first to keep them somewhere.
            </Text>
            <Group justify="space-between">
              <CopyButton value={caseAsText(mine)}>
                {({ copied, copy }) => (
                  <Button variant="light" onClick={copy}>
                    {copied ? 'Copied' : 'Copy mine'}
                  </Button>
                )}
              </CopyButton>
              <Group gap="xs">
                <Button variant="default" onClick={() => setConfirming(false)}>
                  Cancel
                </Button>
                <Button
                  color="orange"
                  onClick={() => {
                    setConfirming(false);
                    onTakeTheirs();
                  }}
                >
                  Take theirs
                </Button>
              </Group>
            </Group>
          </Stack>
        </Modal>
      )}
    </Alert>
  );
}
