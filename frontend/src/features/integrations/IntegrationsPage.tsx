import { Alert, Stack, Text, Title } from '@mantine/core';

/** Placeholder until the Integrations module lands; RequireRight already checked INTEGRATION_VIEW. */
export function IntegrationsPage() {
  return (
    <Stack>
      <Title order={1}>Integrations</Title>
      <Alert color="blue" title="Coming soon">
        <Text size="sm">
          Register Jira Cloud and Jira Data Center instances here, connect them with OAuth 2.0 and read
          their OAuth history.
        </Text>
      </Alert>
    </Stack>
  );
}
