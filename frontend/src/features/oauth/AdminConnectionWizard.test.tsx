import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, fakeApi } from '../../test/fakeApi';
import { anInstance, instancePage, loggedIn } from '../../test/fixtures';
import { renderApp } from '../../test/renderApp';
import { CALLBACK_CHANNEL } from './callbackFailure';

const CALLBACK = 'https://testbridge.example.test/oauth/callback';
const CODE = 'ABCD-EFGH-JKMN-PQRS';
const acme = anInstance();
const connectedAcme = anInstance({
  status: 'CONNECTED',
  oauthEnabled: true,
  connectedAccount: 'Alice Admin',
  grantedScopes: 'read:jira-work read:jira-user write:jira-work offline_access',
  connectedAt: '2026-11-28T10:05:00Z',
});
const flow = {
  flowId: 'flow-1',
  authorizationUrl: 'https://auth.atlassian.test/authorize?client_id=tb&state=s1',
  expiresAt: '2026-11-28T10:15:00Z',
};

function settings(instance = acme, clientId: string | null = null) {
  return {
    body: {
      callbackUrl: CALLBACK,
      deployment: instance.deployment,
      requiredScopes:
        instance.deployment === 'CLOUD' ? ['read:jira-work', 'read:jira-user', 'write:jira-work', 'offline_access'] : ['WRITE'],
      clientId,
      oauthAvailable: true,
      oauthUnavailableReason: null,
      instance,
    },
  };
}

/** The server of a wizard on Acme that is not connected yet; `extra` adds or replaces answers. */
function wizardApi(extra = {}) {
  return {
    ...loggedIn(),
    'GET /api/integrations': instancePage([acme]),
    'GET /api/integrations/1/oauth': settings(),
    'POST /api/integrations/1/oauth/connections': { status: 201, body: flow },
    ...extra,
  };
}

/** Toggle on → the wizard → credentials → Next; answers the dialog at Step 1. */
async function startConnecting(user: ReturnType<typeof renderApp>['user']) {
  await user.click(await screen.findByRole('switch', { name: 'OAuth for Acme' }));
  const wizard = await screen.findByRole('dialog', { name: 'Enable OAuth for Acme' });
  await user.type(await within(wizard).findByLabelText(/^Client ID/), 'tb-cloud-app');
  await user.type(within(wizard).getByLabelText(/^Client Secret/), 'tb-cloud-secret');
  await user.click(within(wizard).getByRole('button', { name: 'Next' }));
  return wizard;
}

describe('AdminConnectionWizard', () => {
  it('connects an instance: credentials, Step 1 link, Step 2 code, Connected', async () => {
    let instances = [acme];
    const server = fakeApi({
      ...loggedIn(),
      'GET /api/integrations': () => instancePage(instances),
      'GET /api/integrations/1/oauth': settings(),
      'POST /api/integrations/1/oauth/connections': { status: 201, body: flow },
      'POST /api/integrations/1/oauth/verification': () => {
        instances = [connectedAcme];
        return { body: connectedAcme };
      },
    });
    const { user } = renderApp('/integrations');

    await user.click(await screen.findByRole('switch', { name: 'OAuth for Acme' }));
    const wizard = await screen.findByRole('dialog', { name: 'Enable OAuth for Acme' });
    // What to register in Jira: the callback URL (with a copy button), the scopes, the how-to.
    expect(await within(wizard).findByText(CALLBACK)).toBeInTheDocument();
    expect(within(wizard).getByRole('button', { name: 'Copy the callback URL' })).toBeInTheDocument();
    const scopes = within(wizard).getByRole('list', { name: 'Required scopes' });
    expect(within(scopes).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'read:jira-work',
      'read:jira-user',
      'write:jira-work',
      'offline_access',
    ]);
    expect(within(wizard).getByText('Distribution')).toBeInTheDocument();

    await user.type(within(wizard).getByLabelText(/^Client ID/), 'tb-cloud-app');
    await user.type(within(wizard).getByLabelText(/^Client Secret/), 'tb-cloud-secret');
    await user.click(within(wizard).getByRole('button', { name: 'Next' }));

    // Step 1: the link opens Jira's consent page in a new tab.
    const link = await within(wizard).findByRole('link', { name: 'Open Jira to authorize Testbridge' });
    expect(link).toHaveAttribute('href', flow.authorizationUrl);
    expect(link).toHaveAttribute('target', '_blank');
    expect(link.getAttribute('rel')).toMatch(/noopener/);
    expect(server.to('POST /api/integrations/1/oauth/connections')[0]?.body).toEqual({
      clientId: 'tb-cloud-app',
      clientSecret: 'tb-cloud-secret',
    });
    await user.click(within(wizard).getByRole('button', { name: 'I have the code' }));

    // Step 2: paste the code, Configure.
    await user.type(await within(wizard).findByLabelText(/^Verification code/), CODE);
    await user.click(within(wizard).getByRole('button', { name: 'Configure' }));

    const connected = await within(wizard).findByRole('status');
    expect(connected).toHaveTextContent('Connected');
    expect(connected).toHaveTextContent('as Alice Admin');
    expect(server.to('POST /api/integrations/1/oauth/verification')[0]?.body).toEqual({ verificationCode: CODE });
    await user.click(within(wizard).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await screen.findByRole('switch', { name: 'OAuth for Acme' })).toBeChecked();
    expect(screen.getByText('as Alice Admin')).toBeInTheDocument();
  });

  it('copies the consent link for another browser and goes on to Step 2', async () => {
    fakeApi(wizardApi());
    const { user } = renderApp('/integrations');
    const wizard = await startConnecting(user);
    await user.click(await within(wizard).findByRole('button', { name: 'Copy link' }));

    expect(await navigator.clipboard.readText()).toBe(flow.authorizationUrl);
    expect(await within(wizard).findByLabelText(/^Verification code/)).toBeInTheDocument();
  });

  it('asks for the client secret the first time', async () => {
    const server = fakeApi({ ...loggedIn(), 'GET /api/integrations': instancePage([acme]), 'GET /api/integrations/1/oauth': settings() });
    const { user } = renderApp('/integrations');

    await user.click(await screen.findByRole('switch', { name: 'OAuth for Acme' }));
    const wizard = await screen.findByRole('dialog', { name: 'Enable OAuth for Acme' });
    await user.type(await within(wizard).findByLabelText(/^Client ID/), 'tb-cloud-app');
    await user.click(within(wizard).getByRole('button', { name: 'Next' }));

    expect(await within(wizard).findByText('Enter the Client Secret')).toBeInTheDocument();
    expect(server.to('POST /api/integrations/1/oauth/connections')).toHaveLength(0);
  });

  it('shows a wrong verification code next to the field', async () => {
    fakeApi(
      wizardApi({
        'POST /api/integrations/1/oauth/verification': apiError(400, 'invalid_request', 'This code is wrong or used; 4 tries left.', 'verificationCode'),
      }),
    );
    const { user } = renderApp('/integrations');
    const wizard = await startConnecting(user);

    await user.click(await within(wizard).findByRole('link', { name: 'Open Jira to authorize Testbridge' }));
    await user.type(await within(wizard).findByLabelText(/^Verification code/), CODE);
    await user.click(within(wizard).getByRole('button', { name: 'Configure' }));

    expect(await within(wizard).findByText('This code is wrong or used; 4 tries left.')).toBeInTheDocument();
    expect(within(wizard).getByLabelText(/^Verification code/)).toHaveAttribute('aria-invalid', 'true');
  });

  it('prepares a new link when going back after the first one was opened', async () => {
    let flows = 0;
    const server = fakeApi(
      wizardApi({
        'POST /api/integrations/1/oauth/connections': () => {
          flows += 1;
          return { status: 201, body: { ...flow, flowId: `flow-${flows}`, authorizationUrl: `${flow.authorizationUrl}&n=${flows}` } };
        },
      }),
    );
    const { user } = renderApp('/integrations');
    const wizard = await startConnecting(user);

    // Its single-use state is spent once opened (say, the admin chose Deny in Jira).
    await user.click(await within(wizard).findByRole('link', { name: 'Open Jira to authorize Testbridge' }));
    await user.click(await within(wizard).findByRole('button', { name: 'Back to Step 1' }));

    const link = await within(wizard).findByRole('link', { name: 'Open Jira to authorize Testbridge' });
    await waitFor(() => expect(link).toHaveAttribute('href', `${flow.authorizationUrl}&n=2`));
    expect(server.to('POST /api/integrations/1/oauth/connections').map((request) => request.body)).toEqual([
      { clientId: 'tb-cloud-app', clientSecret: 'tb-cloud-secret' },
      { clientId: 'tb-cloud-app', clientSecret: 'tb-cloud-secret' },
    ]);
  });

  it('explains a grant for another site and offers to start again', async () => {
    fakeApi(
      wizardApi({
        'POST /api/integrations/1/oauth/verification': apiError(
          409,
          'conflict',
          'The grant is for https://globex.atlassian.net, not https://acme.atlassian.net.',
        ),
      }),
    );
    const { user } = renderApp('/integrations');
    const wizard = await startConnecting(user);

    await user.click(await within(wizard).findByRole('button', { name: 'I have the code' }));
    await user.type(await within(wizard).findByLabelText(/^Verification code/), CODE);
    await user.click(within(wizard).getByRole('button', { name: 'Configure' }));

    const alert = await within(wizard).findByRole('alert');
    expect(alert).toHaveTextContent('https://globex.atlassian.net');
    expect(alert).toHaveTextContent('https://acme.atlassian.net');
    await user.click(within(alert).getByRole('button', { name: 'Start again' }));
    // Back at the credentials, still filled in.
    expect(await within(wizard).findByLabelText(/^Client ID/)).toHaveValue('tb-cloud-app');
  });

  it('says what the callback page reported for this flow (Deny, a rejected secret) and offers to start again', async () => {
    fakeApi(wizardApi());
    const { user } = renderApp('/integrations');
    const wizard = await startConnecting(user);
    await user.click(await within(wizard).findByRole('link', { name: 'Open Jira to authorize Testbridge' }));
    await within(wizard).findByLabelText(/^Verification code/);

    // What callback.js posts from the callback tab: a report for another flow is not this one's.
    const callbackTab = new BroadcastChannel(CALLBACK_CHANNEL);
    const rejected = 'Jira rejected the Client ID or Client Secret (access_denied).';
    callbackTab.postMessage({ state: 'another-flow', succeeded: false, title: 'You chose Deny', message: 'not this one' });
    callbackTab.postMessage({ state: 's1', succeeded: false, title: 'Jira refused the connection', message: rejected });
    callbackTab.close();

    const alert = await within(wizard).findByRole('alert');
    expect(within(alert).getByText('Jira refused the connection')).toBeInTheDocument();
    expect(alert).toHaveTextContent(rejected);
    expect(within(wizard).queryByText('You chose Deny')).not.toBeInTheDocument();
    await user.click(within(alert).getByRole('button', { name: 'Start again' }));
    expect(await within(wizard).findByLabelText(/^Client ID/)).toHaveValue('tb-cloud-app');
  });

  it('updates the configuration with the wrench, keeping the stored secret', async () => {
    const server = fakeApi({
      ...loggedIn(),
      'GET /api/integrations': instancePage([connectedAcme]),
      'GET /api/integrations/1/oauth': settings(connectedAcme, 'tb-cloud-app'),
      'POST /api/integrations/1/oauth/connections': { status: 201, body: flow },
    });
    const { user } = renderApp('/integrations');

    await user.click(await screen.findByRole('button', { name: 'Update OAuth configuration of Acme' }));
    const wizard = await screen.findByRole('dialog', { name: 'Update OAuth configuration of Acme' });
    expect(await within(wizard).findByLabelText(/^Client ID/)).toHaveValue('tb-cloud-app');
    const secret = within(wizard).getByLabelText(/^Client Secret/);
    expect(secret).toHaveValue('');
    expect(secret).toHaveAccessibleDescription('Leave empty to keep the current secret');
    expect(within(wizard).getByText(/keeps working until the new one is configured/)).toBeInTheDocument();
    await user.click(within(wizard).getByRole('button', { name: 'Next' }));

    await within(wizard).findByRole('link', { name: 'Open Jira to authorize Testbridge' });
    expect(server.to('POST /api/integrations/1/oauth/connections')[0]?.body).toEqual({ clientId: 'tb-cloud-app' });
  });

  it('shows the Data Center how-to and its permission', async () => {
    const dc = anInstance({ name: 'Acme', deployment: 'DATA_CENTER', cloudId: null, version: '9.12.0' });
    fakeApi({ ...loggedIn(), 'GET /api/integrations': instancePage([dc]), 'GET /api/integrations/1/oauth': settings(dc) });
    const { user } = renderApp('/integrations');

    await user.click(await screen.findByRole('switch', { name: 'OAuth for Acme' }));
    const wizard = await screen.findByRole('dialog', { name: 'Enable OAuth for Acme' });

    expect(await within(wizard).findByText('Create an incoming application link in Jira')).toBeInTheDocument();
    expect(within(wizard).getByText('Administration → Applications → Application links')).toBeInTheDocument();
    expect(within(wizard).getByText('WRITE')).toBeInTheDocument();
    // the callback is https: nothing to warn about
    expect(within(wizard).queryByTestId('dc-https-warning')).toBeNull();
  });

  it('warns before Step 1 that Data Center refuses an http callback, naming both Jira properties', async () => {
    const dc = anInstance({ name: 'Acme', deployment: 'DATA_CENTER', cloudId: null, version: '9.12.0' });
    const httpSettings = settings(dc);
    httpSettings.body.callbackUrl = 'http://testbridge.internal:8080/oauth/callback';
    fakeApi({ ...loggedIn(), 'GET /api/integrations': instancePage([dc]), 'GET /api/integrations/1/oauth': httpSettings });
    const { user } = renderApp('/integrations');

    await user.click(await screen.findByRole('switch', { name: 'OAuth for Acme' }));
    const wizard = await screen.findByRole('dialog', { name: 'Enable OAuth for Acme' });

    const warning = await within(wizard).findByTestId('dc-https-warning');
    expect(warning).toHaveTextContent('atlassian.oauth2.provider.skip.redirect.url.https.requirement');
    expect(warning).toHaveTextContent('atlassian.oauth2.provider.skip.base.url.https.requirement');
    expect(warning).toHaveTextContent('TESTBRIDGE_PUBLIC_URL');
  });

  it('disables OAuth after confirmation', async () => {
    let instances = [connectedAcme];
    const server = fakeApi({
      ...loggedIn(),
      'GET /api/integrations': () => instancePage(instances),
      'DELETE /api/integrations/1/oauth': () => {
        instances = [acme];
        return { body: acme };
      },
    });
    const { user } = renderApp('/integrations');

    await user.click(await screen.findByRole('switch', { name: 'OAuth for Acme' }));
    const dialog = await screen.findByRole('dialog', { name: 'Disable OAuth for Acme?' });
    await user.click(within(dialog).getByRole('button', { name: 'Disable OAuth' }));

    expect(await screen.findByText('OAuth is off for Acme.')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('switch', { name: 'OAuth for Acme' })).not.toBeChecked());
    expect(server.to('DELETE /api/integrations/1/oauth')).toHaveLength(1);
  });
});
