import { Alert, Button, Group, Stack, Stepper, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Modal } from '../../components/dialogs';
import { LoadFailure, LoadingState } from '../../components/PageStates';
import { showApiError } from '../../lib/forms/showApiError';
import { integrationsKey, type JiraInstance } from '../../lib/jiraInstance';
import {
  configureAdminConnection,
  oauthSettingsQuery,
  startAdminConnection,
  type ClientCredentials,
  type StartedFlow,
} from './api';
import { useCallbackFailure } from './callbackFailure';
import { ConsentLinkStep } from './ConsentLinkStep';
import { RegisterAppStep } from './RegisterAppStep';
import { VerificationCodeForm } from './VerificationCodeForm';

export type WizardMode = 'enable' | 'update';

const REGISTER = 0;
const AUTHORIZE = 1;
const VERIFY = 2;
const DONE = 3;

/**
 * "Configure Connection": register the app in Jira, enter its credentials, consent in Jira
 * (Step 1), paste the verification code (Step 2). Opened by the Enable OAuth toggle, or by the
 * wrench to update the configuration; rendered only while open.
 */
export function AdminConnectionWizard({ instance, mode, onClose }: { instance: JiraInstance; mode: WizardMode; onClose: () => void }) {
  const queryClient = useQueryClient();
  const settings = useQuery(oauthSettingsQuery(instance.id));
  const [active, setActive] = useState(REGISTER);
  const [flow, setFlow] = useState<StartedFlow | null>(null);
  const [credentials, setCredentials] = useState<ClientCredentials | null>(null);
  const [connected, setConnected] = useState<JiraInstance | null>(null);
  // An opened link has spent its single-use state (consent or not): going back needs a new one.
  const [linkOpened, setLinkOpened] = useState(false);

  const restart = () => {
    setFlow(null);
    setActive(REGISTER);
  };
  // Deny, a rejected secret…: the callback tab says so; show it here, where the admin returns.
  const callbackFailure = useCallbackFailure(flow?.authorizationUrl, () => setActive(VERIFY));

  const renew = useMutation({
    mutationFn: (entered: ClientCredentials) => startAdminConnection(instance.id, entered),
    onSuccess: (started) => {
      setFlow(started);
      setLinkOpened(false);
      setActive(AUTHORIZE);
    },
    onError: (error) => showApiError(error, 'Could not prepare a new Jira link'),
  });
  const backToAuthorize = () => {
    if (linkOpened && credentials) renew.mutate(credentials);
    else setActive(AUTHORIZE);
  };

  const title = mode === 'enable' ? `Enable OAuth for ${instance.name}` : `Update OAuth configuration of ${instance.name}`;

  return (
    <Modal opened onClose={onClose} title={title} size="xl" closeOnClickOutside={false}>
      {settings.isPending && <LoadingState />}
      {settings.isError && <LoadFailure error={settings.error} onRetry={() => void settings.refetch()} />}
      {settings.data && (
        <Stack gap="md">
          {mode === 'update' && active < DONE && (
            <Text size="sm" c="dimmed">
              The current connection keeps working until the new one is configured.
            </Text>
          )}
          <Stepper
            active={active}
            onStepClick={(step) => {
              if (active === DONE || step >= active) return;
              if (step === REGISTER) restart();
              else backToAuthorize();
            }}
            allowNextStepsSelect={false}
            size="sm"
          >
            <Stepper.Step label="Register the app" description="Callback URL and credentials">
              <RegisterAppStep
                instanceId={instance.id}
                settings={settings.data}
                initialCredentials={credentials ?? { clientId: settings.data.clientId ?? '', clientSecret: '' }}
                onStarted={(started, entered) => {
                  setFlow(started);
                  setCredentials(entered);
                  setLinkOpened(false);
                  setActive(AUTHORIZE);
                }}
                onCancel={onClose}
              />
            </Stepper.Step>
            <Stepper.Step label="Step 1" description="Authorize in Jira">
              {flow && (
                <Stack gap="md">
                  <ConsentLinkStep
                    flow={flow}
                    deployment={instance.deployment}
                    onOpened={() => {
                      setLinkOpened(true);
                      setActive(VERIFY);
                    }}
                  />
                  <Group justify="flex-end">
                    <Button variant="default" onClick={restart}>
                      Back
                    </Button>
                    <Button variant="light" onClick={() => setActive(VERIFY)}>
                      I have the code
                    </Button>
                  </Group>
                </Stack>
              )}
            </Stepper.Step>
            <Stepper.Step label="Step 2" description="Paste the verification code">
              <VerificationCodeForm
                submitLabel="Configure"
                verify={(code) => configureAdminConnection(instance.id, code)}
                onVerified={(result) => {
                  setConnected(result);
                  setActive(DONE);
                  void queryClient.invalidateQueries({ queryKey: integrationsKey });
                }}
                onRestart={restart}
                callbackFailure={callbackFailure}
                extraActions={
                  <Button variant="default" onClick={backToAuthorize} loading={renew.isPending}>
                    Back to Step 1
                  </Button>
                }
              />
            </Stepper.Step>
            <Stepper.Completed>
              <Stack gap="md">
                <Alert color="green" title="Connected" role="status">
                  <Text size="sm">
                    Testbridge is connected to {instance.name} as <strong>{connected?.connectedAccount ?? 'your Jira account'}</strong>.
                  </Text>
                  {connected?.grantedScopes && (
                    <Text size="sm" mt={4}>
                      Granted scopes: {connected.grantedScopes}
                    </Text>
                  )}
                  <Text size="sm" mt={4}>
                    Testers authenticate with their own Jira accounts the first time they need Jira.
                  </Text>
                </Alert>
                <Group justify="flex-end">
                  <Button onClick={onClose} autoFocus>
                    Done
                  </Button>
                </Group>
              </Stack>
            </Stepper.Completed>
          </Stepper>
        </Stack>
      )}
    </Modal>
  );
}
