import { ActionIcon, Alert, Badge, Button, Code, CopyButton, Group, List, PasswordInput, Stack, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { CheckIcon, CopyIcon } from '../../components/icons';
import { showApiError } from '../../lib/forms/showApiError';
import { startAdminConnection, type ClientCredentials, type OAuthSettings, type StartedFlow } from './api';

interface RegisterAppStepProps {
  instanceId: number;
  settings: OAuthSettings;
  /** What the administrator entered before (Back, Start again), else the stored client ID. */
  initialCredentials: ClientCredentials;
  onStarted: (flow: StartedFlow, credentials: ClientCredentials) => void;
  onCancel: () => void;
}

function CloudHowTo({ scopes }: { scopes: string[] }) {
  return (
    <List type="ordered" size="sm" spacing={4}>
      <List.Item>
        In the Atlassian developer console (developer.atlassian.com → Developer console), create an OAuth 2.0
        integration or open your app.
      </List.Item>
      <List.Item>
        <strong>Authorization</strong>: add OAuth 2.0 (3LO) and paste the callback URL above.
      </List.Item>
      <List.Item>
        <strong>Permissions</strong>: add the Jira API and, under classic scopes, {scopes.filter((scope) => scope.includes(':')).join(', ')}.
      </List.Item>
      <List.Item>
        <strong>Distribution</strong>: set it to <em>Sharing</em>, so that your testers can authorize it too.
      </List.Item>
      <List.Item>
        <strong>Settings</strong>: copy the Client ID and the Secret into the fields below.
      </List.Item>
    </List>
  );
}

function DataCenterHowTo() {
  return (
    <List type="ordered" size="sm" spacing={4}>
      <List.Item>
        In Jira, open <strong>Administration → Applications → Application links</strong>.
      </List.Item>
      <List.Item>
        <strong>Create link</strong> → <em>External application</em> → direction <em>Incoming</em>.
      </List.Item>
      <List.Item>
        Name it Testbridge, paste the callback URL above as the <strong>Redirect URL</strong> and choose the
        permission <strong>Write</strong>.
      </List.Item>
      <List.Item>Save, then copy the Client ID and the Client secret into the fields below.</List.Item>
    </List>
  );
}

/**
 * Jira Data Center's OAuth 2.0 provider requires HTTPS for redirect URLs (and its own base URL)
 * unless two system properties say otherwise, so an http:// callback cannot be registered in a
 * default Jira: say so before the administrator tries.
 */
function HttpCallbackWarning() {
  return (
    <Alert color="yellow" title="Jira Data Center refuses an http:// Redirect URL" data-testid="dc-https-warning">
      <Stack gap={4}>
        <Text size="sm">
          Jira requires HTTPS for the Redirect URL of an incoming application link, and for its own base URL, unless its
          administrator sets these system properties to <Code>true</Code> (meant for test instances):
        </Text>
        <List size="sm">
          <List.Item>
            <Code>atlassian.oauth2.provider.skip.redirect.url.https.requirement</Code>
          </List.Item>
          <List.Item>
            <Code>atlassian.oauth2.provider.skip.base.url.https.requirement</Code>
          </List.Item>
        </List>
        <Text size="sm">
          Otherwise serve Testbridge over HTTPS and set <Code>TESTBRIDGE_PUBLIC_URL</Code> to its https:// address first.
        </Text>
      </Stack>
    </Alert>
  );
}

/** The first page of the wizard: what to register in Jira, then the client credentials. */
export function RegisterAppStep({ instanceId, settings, initialCredentials, onStarted, onCancel }: RegisterAppStepProps) {
  const storedClientId = settings.clientId ?? null;
  const form = useForm<ClientCredentials>({
    initialValues: initialCredentials,
    validate: {
      clientId: (value) => (value.trim() ? null : 'Enter the Client ID'),
      clientSecret: (value, values) =>
        value.trim() || (storedClientId !== null && values.clientId.trim() === storedClientId)
          ? null
          : 'Enter the Client Secret',
    },
  });

  const start = useMutation({
    mutationFn: (credentials: ClientCredentials) => startAdminConnection(instanceId, credentials),
    onSuccess: (flow, credentials) => onStarted(flow, credentials),
    onError: (error) => showApiError(error, 'Could not start the connection', form),
  });

  if (!settings.oauthAvailable) {
    return (
      <Alert color="yellow" title="OAuth 2.0 is not available for this instance" role="alert">
        {settings.oauthUnavailableReason}
      </Alert>
    );
  }

  const keepsSecret = storedClientId !== null && form.values.clientId.trim() === storedClientId;
  return (
    <form onSubmit={form.onSubmit((credentials) => start.mutate(credentials))} noValidate>
      <Stack gap="md">
        <Stack gap={4}>
          <Text size="sm" fw={500} id="callback-url-label">
            Callback URL to register in Jira
          </Text>
          <Group gap="xs" wrap="nowrap">
            <Code block style={{ flex: 1, wordBreak: 'break-all' }} aria-labelledby="callback-url-label" data-testid="callback-url">
              {settings.callbackUrl}
            </Code>
            <CopyButton value={settings.callbackUrl}>
              {({ copied, copy }) => (
                <Tooltip label={copied ? 'Copied' : 'Copy'} withArrow>
                  <ActionIcon
                    variant="default"
                    size="lg"
                    onClick={copy}
                    aria-label={copied ? 'Callback URL copied' : 'Copy the callback URL'}
                  >
                    {copied ? <CheckIcon /> : <CopyIcon />}
                  </ActionIcon>
                </Tooltip>
              )}
            </CopyButton>
          </Group>
        </Stack>
        {settings.deployment === 'DATA_CENTER' && settings.callbackUrl.toLowerCase().startsWith('http://') && <HttpCallbackWarning />}
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {settings.deployment === 'CLOUD' ? 'Scopes the app must grant' : 'Permission the link must grant'}
          </Text>
          <Group gap={6} aria-label="Required scopes" role="list">
            {settings.requiredScopes.map((scope) => (
              <Badge key={scope} variant="outline" color="gray" tt="none" role="listitem">
                {scope}
              </Badge>
            ))}
          </Group>
        </Stack>
        <Stack gap={4}>
          <Title order={3} size="sm">
            {settings.deployment === 'CLOUD' ? 'Register Testbridge in the Atlassian developer console' : 'Create an incoming application link in Jira'}
          </Title>
          {settings.deployment === 'CLOUD' ? <CloudHowTo scopes={settings.requiredScopes} /> : <DataCenterHowTo />}
        </Stack>
        <TextInput
          label="Client ID"
          withAsterisk
          autoComplete="off"
          spellCheck={false}
          // data-autofocus when the dialog opens with the form; autoFocus when it appears later
          // (after the settings load, or going back to this step).
          data-autofocus
          autoFocus
          maxLength={200}
          {...form.getInputProps('clientId')}
        />
        <PasswordInput
          label="Client Secret"
          withAsterisk={!keepsSecret}
          autoComplete="new-password"
          description={keepsSecret ? 'Leave empty to keep the current secret' : 'Testbridge stores it encrypted and never shows it again'}
          placeholder={keepsSecret ? 'Leave empty to keep the current secret' : undefined}
          maxLength={500}
          {...form.getInputProps('clientSecret')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={start.isPending}>
            Next
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
