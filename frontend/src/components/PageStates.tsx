import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { describeError } from '../lib/forms/showApiError';
import { RetryCountdown } from './RetryCountdown';

export function LoadingState() {
  return (
    <Center h="50vh">
      <Loader role="status" aria-label="Loading" />
    </Center>
  );
}

export function LoadFailure({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <Alert color="red" title="Could not load this page" role="alert">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">
          {describeError(error)}
          <RetryCountdown error={error} onRetry={onRetry} />
        </Text>
        <Button size="xs" variant="light" color="red" onClick={onRetry}>
          Try again
        </Button>
      </Stack>
    </Alert>
  );
}
