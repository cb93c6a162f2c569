import { Button, CopyButton, Group, List, Stack, Text } from '@mantine/core';
import { CheckIcon, CopyIcon, ExternalLinkIcon } from '../../components/icons';
import { formatTime } from '../../lib/format';
import type { Deployment } from '../../lib/jiraInstance';
import type { StartedFlow } from './api';

interface ConsentLinkStepProps {
  flow: StartedFlow;
  deployment: Deployment | undefined;
  /** Called when the user opens the link, so the dialog can move on to pasting the code. */
  onOpened: () => void;
}

/** Step 1 of both flows: the link to Jira's consent page, and what happens after it. */
export function ConsentLinkStep({ flow, deployment, onOpened }: ConsentLinkStepProps) {
  const decision =
    deployment === 'DATA_CENTER'
      ? 'Check the Jira user it names and click Allow.'
      : deployment === 'CLOUD'
        ? 'Check the Atlassian account, choose this site under “Use app on” and click Accept.'
        : 'Check the Jira user and accept.';
  return (
    <Stack gap="sm">
      <Text size="sm">Jira asks you to allow Testbridge access. The page opens in a new tab:</Text>
      <List type="ordered" size="sm" spacing={4}>
        <List.Item>Sign in to Jira if it asks you to.</List.Item>
        <List.Item>{decision}</List.Item>
        <List.Item>Jira sends you back to Testbridge, which shows a verification code. Copy it.</List.Item>
        <List.Item>Return to this tab and paste the code in Step 2.</List.Item>
      </List>
      <Group gap="xs">
        <Button
          component="a"
          href={flow.authorizationUrl}
          target="_blank"
          rel="noopener noreferrer"
          rightSection={<ExternalLinkIcon size={16} />}
          onClick={onOpened}
        >
          Open Jira to authorize Testbridge
        </Button>
        {/* For a Jira session in another browser or profile: copying the link counts as opening it. */}
        <CopyButton value={flow.authorizationUrl}>
          {({ copied, copy }) => (
            <Button
              variant="default"
              leftSection={copied ? <CheckIcon size={16} /> : <CopyIcon size={16} />}
              onClick={() => {
                copy();
                onOpened();
              }}
            >
              {copied ? 'Link copied' : 'Copy link'}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Text size="xs" c="dimmed">
        This link works once, until {formatTime(flow.expiresAt)}.
      </Text>
    </Stack>
  );
}
