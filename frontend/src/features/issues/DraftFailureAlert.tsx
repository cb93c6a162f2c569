import { Alert, List, Stack, Text } from '@mantine/core';
import type { Issue } from './api';

interface DraftFailureAlertProps {
  draft: Issue;
  /** Jira's errors for fields the dialog does not show, as [field id, message]. */
  otherErrors: [string, string][];
}

/** Why Jira did not create the draft, and that nothing is lost. */
export function DraftFailureAlert({ draft, otherErrors }: DraftFailureAlertProps) {
  const unknown = draft.state === 'UNKNOWN';
  return (
    <Alert color={unknown ? 'orange' : 'red'} role="alert" title={unknown ? 'Jira did not confirm the issue' : 'Jira did not create the issue'}>
      <Stack gap="xs">
        <Text size="sm">{draft.lastError?.message}</Text>
        {otherErrors.length > 0 && (
          <List size="sm">
            {otherErrors.map(([fieldId, message]) => (
              <List.Item key={fieldId}>
                {fieldId}: {message}
              </List.Item>
            ))}
          </List>
        )}
        <Text size="xs">Your draft is kept in Testbridge. Correct it and click Retry; Testbridge never creates the issue twice.</Text>
      </Stack>
    </Alert>
  );
}
