import { Alert, Button, Stack, Text } from '@mantine/core';
import { describeError } from '../../lib/forms/showApiError';
import { useJiraAuthentication } from '../jira-auth';

interface NeedsJiraAccountProps {
  /** The `jira_auth_required` error. */
  error: unknown;
  instanceId: number;
  /** What the button does after authenticating, e.g. "Authenticate and search again". */
  actionLabel: string;
  onAuthenticated: () => void;
}

/**
 * Shown when the user closed "Authenticate with Jira" without authenticating: what was refused,
 * and the way to authenticate and carry on.
 */
export function NeedsJiraAccount({ error, instanceId, actionLabel, onAuthenticated }: NeedsJiraAccountProps) {
  const { authenticate } = useJiraAuthentication();
  return (
    <Alert color="yellow" role="alert" title="Jira needs your own account">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{describeError(error)}</Text>
        <Button size="xs" variant="light" onClick={() => void authenticate(instanceId).then((done) => done && onAuthenticated())}>
          {actionLabel}
        </Button>
      </Stack>
    </Alert>
  );
}
