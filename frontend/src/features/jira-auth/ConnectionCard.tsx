import { Alert, Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Modal } from '../../components/dialogs';
import { formatDateTime, scopeList } from '../../lib/format';
import { showApiError } from '../../lib/forms/showApiError';
import { DEPLOYMENT_LABELS } from '../../lib/jiraInstance';
import { useSession } from '../auth';
import { disconnectJira, myJiraConnectionsQuery, type JiraConnection } from './api';
import { ConnectionStatusBadge } from './ConnectionStatusBadge';
import { useJiraAuthentication } from './JiraAuthProvider';
import { JiraProjectsPanel } from './JiraProjectsPanel';

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

/** One OAuth-enabled instance on "My Jira connections": my token's state and what I can do with it. */
export function ConnectionCard({ connection }: { connection: JiraConnection }) {
  const { can } = useSession();
  const queryClient = useQueryClient();
  const { authenticate } = useJiraAuthentication();
  const [confirmingDisconnect, setConfirmingDisconnect] = useState(false);
  const [showProjects, setShowProjects] = useState(false);
  const { instanceId, instanceName, status } = connection;
  const headingId = `connection-${instanceId}`;

  const disconnect = useMutation({
    mutationFn: () => disconnectJira(instanceId),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: myJiraConnectionsQuery.queryKey });
      queryClient.removeQueries({ queryKey: ['jira', instanceId] });
      setShowProjects(false);
      notifications.show({ color: 'green', message: `Disconnected from ${instanceName}.` });
      setConfirmingDisconnect(false);
    },
    onError: (error) => showApiError(error, 'Could not disconnect'),
  });

  const connected = status !== 'NOT_CONNECTED';
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Group gap="xs">
              <Title order={2} size="h4" id={headingId}>
                {instanceName}
              </Title>
              <Badge variant="outline" color="gray" tt="none">
                {DEPLOYMENT_LABELS[connection.deployment]}
              </Badge>
            </Group>
            {connection.baseUrl && (
              <Anchor href={connection.baseUrl} target="_blank" rel="noopener noreferrer" size="sm">
                {connection.baseUrl}
              </Anchor>
            )}
          </Stack>
          <ConnectionStatusBadge status={status} />
        </Group>

        {status === 'NEEDS_REAUTHENTICATION' && (
          <Alert color="orange" role="alert" title="Jira no longer accepts your connection">
            Re-authenticate to keep working with {instanceName}.
          </Alert>
        )}
        {connection.consentExpiresSoon && (
          <Alert color="yellow" role="alert" title="Your Jira consent ends soon">
            Atlassian ends every consent after a year: on {formatDateTime(connection.consentExpiresAt)}. Re-authenticate
            before then to keep working without interruption.
          </Alert>
        )}

        {connected ? (
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm" verticalSpacing="xs">
            <Detail label="Jira account">{connection.jiraAccount ?? '—'}</Detail>
            <Detail label="Authorized">{formatDateTime(connection.grantedAt)}</Detail>
            <Detail label="Last used">{formatDateTime(connection.lastUsedAt)}</Detail>
            <Detail label="Access token expires">
              {formatDateTime(connection.accessExpiresAt)}
              <Text span size="xs" c="dimmed">
                {' '}
                (renewed automatically)
              </Text>
            </Detail>
            <Detail label="Consent expires">{formatDateTime(connection.consentExpiresAt)}</Detail>
            <Detail label="Scopes">
              <Group gap={4}>
                {scopeList(connection.scopes).map((scope) => (
                  <Badge key={scope} variant="light" color="gray" tt="none" size="sm">
                    {scope}
                  </Badge>
                ))}
                {scopeList(connection.scopes).length === 0 && '—'}
              </Group>
            </Detail>
          </SimpleGrid>
        ) : (
          <Text size="sm" c="dimmed">
            You have not connected your Jira account yet. Connect now, or Testbridge asks you the first time it
            needs Jira.
          </Text>
        )}

        <Group gap="xs">
          <Button
            variant={connected ? 'default' : 'filled'}
            onClick={() => void authenticate(instanceId)}
            aria-label={`${connected ? 'Re-authenticate with' : 'Connect to'} ${instanceName}`}
          >
            {connected ? 'Re-authenticate' : 'Connect'}
          </Button>
          {connected && (
            <Button variant="default" color="red" onClick={() => setConfirmingDisconnect(true)} aria-label={`Disconnect from ${instanceName}`}>
              Disconnect
            </Button>
          )}
          {can('ISSUES_VIEW') && (
            <Button
              variant="light"
              onClick={() => (showProjects ? void queryClient.refetchQueries({ queryKey: ['jira', instanceId, 'projects'] }) : setShowProjects(true))}
              aria-label={`Show my Jira projects on ${instanceName}`}
            >
              Show my Jira projects
            </Button>
          )}
        </Group>

        {showProjects && <JiraProjectsPanel instanceId={instanceId} instanceName={instanceName} />}
      </Stack>

      {confirmingDisconnect && (
        <Modal opened onClose={() => setConfirmingDisconnect(false)} title={`Disconnect from ${instanceName}?`}>
          <Stack>
            <Text size="sm">
              Testbridge deletes your tokens for {instanceName}; it asks you to authenticate again the next time it needs
              Jira. To withdraw Testbridge’s access in Jira as well, remove it from your Jira profile.
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirmingDisconnect(false)} data-autofocus>
                Cancel
              </Button>
              <Button color="red" loading={disconnect.isPending} onClick={() => disconnect.mutate()}>
                Disconnect
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </Card>
  );
}
