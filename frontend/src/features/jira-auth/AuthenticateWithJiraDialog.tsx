import { Alert, Button, Center, Group, Loader, Stack, Stepper, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Modal } from '../../components/dialogs';
import { describeError } from '../../lib/forms/showApiError';
import { ConsentLinkStep, useCallbackFailure, VerificationCodeForm } from '../oauth';
import { completeJiraAuthentication, myJiraConnectionsQuery, startJiraAuthentication, type JiraConnection } from './api';

const AUTHORIZE = 0;
const VERIFY = 1;

export interface AuthenticateWithJiraDialogProps {
  instanceId: number;
  /** True when an action of the user waits for this and resumes by itself afterwards. */
  resumesAction: boolean;
  onAuthenticated: (connection: JiraConnection) => void;
  onCancel: () => void;
}

/**
 * "Authenticate with Jira" (flow 4 of the spec): Step 1 opens Jira's consent page, whose callback
 * shows a verification code; Step 2 redeems it, and the user's own token is stored.
 */
export function AuthenticateWithJiraDialog({ instanceId, resumesAction, onAuthenticated, onCancel }: AuthenticateWithJiraDialogProps) {
  const connections = useQuery(myJiraConnectionsQuery);
  const connection = connections.data?.find((candidate) => candidate.instanceId === instanceId);
  const [active, setActive] = useState(AUTHORIZE);
  // An opened link has spent its single-use state (consent or not): going back needs a new one.
  const [linkOpened, setLinkOpened] = useState(false);
  const start = useMutation({ mutationFn: () => startJiraAuthentication(instanceId) });

  // The link is needed as soon as the dialog shows; the ref keeps StrictMode from starting two flows.
  const started = useRef(false);
  const { mutate: startFlow } = start;
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    startFlow();
  }, [startFlow]);

  const restart = () => {
    setActive(AUTHORIZE);
    setLinkOpened(false);
    start.mutate();
  };
  const backToAuthorize = () => (linkOpened ? restart() : setActive(AUTHORIZE));
  // Deny, an expired link…: the callback tab says so; show it here, where the user returns.
  const callbackFailure = useCallbackFailure(start.data?.authorizationUrl, () => setActive(VERIFY));

  const instanceName = connection?.instanceName ?? 'this Jira instance';
  return (
    <Modal opened onClose={onCancel} title="Authenticate with Jira" size="lg" closeOnClickOutside={false}>
      <Stack gap="md">
        <Text size="sm">
          {connection?.status === 'NEEDS_REAUTHENTICATION'
            ? `Jira no longer accepts your connection to ${instanceName}. Authenticate again with your own Jira account.`
            : `${instanceName} needs your own Jira account: Testbridge works in Jira as you, and only for you.`}
          {resumesAction && ' What you were doing continues by itself afterwards.'}
        </Text>
        <Stepper
          active={active}
          onStepClick={(step) => step < active && backToAuthorize()}
          allowNextStepsSelect={false}
          size="sm"
        >
          <Stepper.Step label="Step 1" description="Authorize in Jira">
            {start.isPending && (
              <Center py="md">
                <Loader size="sm" role="status" aria-label="Preparing the Jira link" />
              </Center>
            )}
            {start.isError && (
              <Alert color="red" role="alert" title="Could not prepare the Jira link">
                <Stack gap="xs" align="flex-start">
                  {describeError(start.error)}
                  <Button size="xs" variant="light" color="red" onClick={() => start.mutate()}>
                    Try again
                  </Button>
                </Stack>
              </Alert>
            )}
            {start.data && (
              <ConsentLinkStep
                flow={start.data}
                deployment={connection?.deployment}
                onOpened={() => {
                  setLinkOpened(true);
                  setActive(VERIFY);
                }}
              />
            )}
          </Stepper.Step>
          <Stepper.Step label="Step 2" description="Paste the verification code">
            <VerificationCodeForm
              key={start.data?.flowId}
              submitLabel="Authenticate"
              verify={(code) => completeJiraAuthentication(instanceId, code)}
              onVerified={onAuthenticated}
              onRestart={restart}
              callbackFailure={callbackFailure}
              extraActions={
                <Button variant="default" onClick={backToAuthorize}>
                  Back to Step 1
                </Button>
              }
            />
          </Stepper.Step>
        </Stepper>
        {active === AUTHORIZE && (
          <Group gap="xs" justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
            {/* For a link opened some other way (middle click, another browser): Step 2 by hand. */}
            <Button
              variant="light"
              disabled={!start.data}
              onClick={() => {
                setLinkOpened(true);
                setActive(VERIFY);
              }}
            >
              I have the code
            </Button>
          </Group>
        )}
      </Stack>
    </Modal>
  );
}
