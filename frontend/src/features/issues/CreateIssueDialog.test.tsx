import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { chooseOption } from '../../test/chooseOption';
import { apiError, fakeApi } from '../../test/fakeApi';
import { loggedIn } from '../../test/fixtures';
import { anIssue, aProject, BUG_FIELDS, JIRA_AUTH_REQUIRED, jiraAuthentication, jiraMetadata } from '../../test/projectFixtures';
import { renderApp } from '../../test/renderApp';

function issuesApi(extra = {}) {
  return {
    'GET /api/projects': { body: { items: [aProject()] } },
    'GET /api/projects/3/issues': { body: { items: [] } },
    ...jiraMetadata(),
    ...extra,
  };
}

/** Pastes text into an input: typing it key by key re-renders the whole dialog each time. */
async function paste(user: ReturnType<typeof renderApp>['user'], input: HTMLElement, text: string) {
  await user.click(input);
  await user.paste(text);
}

async function openDialog(user: ReturnType<typeof renderApp>['user']) {
  await user.click(await screen.findByRole('button', { name: 'Create Jira issue' }));
  return screen.findByRole('dialog', { name: 'Create Jira issue' });
}

// Generous: these tests fill a whole form, and CI machines can be slow.
describe('CreateIssueDialog', { timeout: 15_000 }, () => {
  afterEach(() => localStorage.clear());

  it('creates a Bug with its required custom fields, in the project’s default Jira project', async () => {
    const server = fakeApi({
      ...loggedIn(),
      ...issuesApi({ 'POST /api/projects/3/issues': { status: 201, body: anIssue({ jiraKey: 'TB-9' }) } }),
    });
    const { user } = renderApp('/projects/3/issues');

    const dialog = await openDialog(user);
    expect(within(dialog).getByLabelText(/^Jira instance/)).toHaveValue('Acme Cloud');
    expect(await within(dialog).findByDisplayValue('Testbridge Demo (TB)')).toBeInTheDocument();
    // A Bug, as the project has that type; nothing here knows a build, so Found in build starts empty.
    await waitFor(() => expect(within(dialog).getByLabelText(/^Issue type/)).toHaveValue('Bug'));
    expect(await within(dialog).findByLabelText(/^Found in build/)).toHaveValue('');
    await paste(user, within(dialog).getByLabelText(/^Summary/), 'Cart total ignores the voucher');
    await paste(user, within(dialog).getByLabelText(/^Description/), 'Seen on staging.');
    await chooseOption(user, await within(dialog).findByLabelText(/^Severity/), 'Major');
    await paste(user, within(dialog).getByLabelText(/^Found in build/), '2026.11.3');
    // Optional fields wait behind "More fields"; a label is one of them.
    expect(within(dialog).queryByLabelText(/^Labels/)).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'More fields (2)' }));
    await user.type(within(dialog).getByLabelText(/^Labels/), 'checkout{Enter}');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));

    expect(await screen.findByText('Created TB-9 in Jira')).toBeInTheDocument();
    expect(server.to('POST /api/projects/3/issues')[0]?.body).toEqual({
      instanceId: 1,
      jiraProject: 'TB',
      issueTypeId: '10002',
      issueTypeName: 'Bug',
      summary: 'Cart total ignores the voucher',
      description: 'Seen on staging.',
      fields: { customfield_10010: '10101', customfield_10011: '2026.11.3', labels: ['checkout'] },
    });
    expect(screen.queryByRole('dialog', { name: 'Create Jira issue' })).not.toBeInTheDocument();
  });

  it('asks for the required fields before sending anything, focus on the first one missing', async () => {
    const server = fakeApi({ ...loggedIn(), ...issuesApi() });
    const { user } = renderApp('/projects/3/issues');

    const dialog = await openDialog(user);
    await within(dialog).findByLabelText(/^Severity/);
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(await within(dialog).findByText('Enter a summary')).toBeInTheDocument();
    expect(within(dialog).getByLabelText(/^Summary/)).toHaveFocus();

    await paste(user, within(dialog).getByLabelText(/^Summary/), 'Something');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(await within(dialog).findByText('Severity is required')).toBeInTheDocument();
    expect(within(dialog).getByText('Found in build is required')).toBeInTheDocument();
    expect(within(dialog).getByLabelText(/^Severity/)).toHaveFocus();
    expect(server.to('POST /api/projects/3/issues')).toHaveLength(0);
  });

  it('offers, in a user field, the people Jira can assign in the chosen Jira project', async () => {
    const server = fakeApi({
      ...loggedIn(),
      ...issuesApi({
        'GET /api/jira/1/projects/TB/issue-types/10002/fields': {
          body: {
            items: [
              ...BUG_FIELDS,
              { fieldId: 'customfield_10400', name: 'Reviewer', required: true, type: 'user', custom: 'userpicker', hasDefaultValue: false },
            ],
          },
        },
        'GET /api/jira/1/users': { body: { items: [{ id: 'acc-alice', displayName: 'Alice Admin' }] } },
      }),
    });
    const { user } = renderApp('/projects/3/issues');

    const dialog = await openDialog(user);
    await user.type(await within(dialog).findByLabelText(/^Reviewer/), 'ali');

    expect(await screen.findByRole('option', { name: 'Alice Admin', hidden: true })).toBeInTheDocument();
    const asked = server.to('GET /api/jira/1/users')[0];
    expect(asked?.query.get('project')).toBe('TB');
    expect(asked?.query.get('query')).toBe('ali');
  });

  it('starts, in a project without a Bug type, with the type used there last time', async () => {
    const taskAndStory = {
      body: {
        items: [
          { id: '10001', name: 'Task', subtask: false },
          { id: '10003', name: 'Story', subtask: false },
        ],
      },
    };
    const server = fakeApi({
      ...loggedIn(),
      ...issuesApi({
        'GET /api/jira/1/projects/TB/issue-types': taskAndStory,
        'GET /api/jira/1/projects/TB/issue-types/10003/fields': { body: { items: [] } },
        'POST /api/projects/3/issues': { status: 201, body: anIssue({ jiraKey: 'TB-12', issueTypeId: '10003', issueTypeName: 'Story' }) },
      }),
    });
    const first = renderApp('/projects/3/issues');

    let dialog = await openDialog(first.user);
    await within(dialog).findByDisplayValue('Testbridge Demo (TB)');
    expect(within(dialog).getByLabelText(/^Issue type/)).toHaveValue('');
    await chooseOption(first.user, within(dialog).getByLabelText(/^Issue type/), 'Story');
    await paste(first.user, within(dialog).getByLabelText(/^Summary/), 'As a buyer I see my vouchers');
    await waitFor(() => expect(within(dialog).getByRole('button', { name: 'Create' })).toBeEnabled());
    await first.user.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(await screen.findByText('Created TB-12 in Jira')).toBeInTheDocument();
    expect(server.to('POST /api/projects/3/issues')[0]?.body).toMatchObject({ issueTypeId: '10003' });
    first.unmount();

    const second = renderApp('/projects/3/issues');
    dialog = await openDialog(second.user);
    await waitFor(() => expect(within(dialog).getByLabelText(/^Issue type/)).toHaveValue('Story'));
  });

  it('puts focus on the field the server refused', async () => {
    fakeApi({
      ...loggedIn(),
      ...issuesApi({ 'POST /api/projects/3/issues': apiError(400, 'invalid', 'Use at most 255 characters', 'summary') }),
    });
    const { user } = renderApp('/projects/3/issues');

    const dialog = await openDialog(user);
    await paste(user, within(dialog).getByLabelText(/^Summary/), 'Something');
    await chooseOption(user, await within(dialog).findByLabelText(/^Severity/), 'Minor');
    await paste(user, within(dialog).getByLabelText(/^Found in build/), '2026.11.3');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(await within(dialog).findByText('Use at most 255 characters')).toBeInTheDocument();
    expect(within(dialog).getByLabelText(/^Summary/)).toHaveFocus();
  });

  it('keeps the draft when Jira refuses it, shows Jira’s errors beside their fields, and retries the same draft', async () => {
    const refused = anIssue({
      id: 14,
      state: 'FAILED',
      jiraKey: null,
      jiraUrl: null,
      jiraStatus: null,
      summary: 'Refund button missing',
      fields: { customfield_10010: '10100', customfield_10011: 'main' },
      lastError: { message: 'Jira refused the issue: Found in build: Use a released build.', fields: { customfield_10011: 'Use a released build.' } },
    });
    const server = fakeApi({
      ...loggedIn(),
      ...issuesApi({
        'POST /api/projects/3/issues': { status: 201, body: refused },
        'PATCH /api/issues/14': { body: { ...refused, fields: { customfield_10010: '10100', customfield_10011: '2026.11.3' } } },
        'POST /api/issues/14/submit': { body: anIssue({ id: 14, jiraKey: 'TB-10', summary: 'Refund button missing' }) },
      }),
    });
    const { user } = renderApp('/projects/3/issues');

    const dialog = await openDialog(user);
    await paste(user, within(dialog).getByLabelText(/^Summary/), 'Refund button missing');
    await chooseOption(user, await within(dialog).findByLabelText(/^Severity/), 'Critical');
    await paste(user, within(dialog).getByLabelText(/^Found in build/), 'main');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));

    expect(await within(dialog).findByText('Use a released build.')).toBeInTheDocument();
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Jira did not create the issue');
    expect(within(dialog).getByLabelText(/^Found in build/)).toHaveAttribute('aria-invalid', 'true');
    // Focus is on the field to fix.
    await waitFor(() => expect(within(dialog).getByLabelText(/^Found in build/)).toHaveFocus());
    expect(within(dialog).getByLabelText(/^Summary/)).toHaveValue('Refund button missing');

    await user.clear(within(dialog).getByLabelText(/^Found in build/));
    await paste(user, within(dialog).getByLabelText(/^Found in build/), '2026.11.3');
    await user.click(within(dialog).getByRole('button', { name: 'Retry' }));

    expect(await screen.findByText('Created TB-10 in Jira')).toBeInTheDocument();
    expect(server.to('POST /api/projects/3/issues')).toHaveLength(1);
    expect(server.to('PATCH /api/issues/14')[0]?.body).toMatchObject({ fields: { customfield_10010: '10100', customfield_10011: '2026.11.3' } });
    expect(server.to('POST /api/issues/14/submit')).toHaveLength(1);
  });

  it('counts down while Jira may still be creating a draft whose outcome is unknown, then retries by itself', async () => {
    const unknown = anIssue({
      id: 14,
      state: 'UNKNOWN',
      jiraKey: null,
      jiraUrl: null,
      jiraStatus: null,
      summary: 'Refund button missing',
      fields: { customfield_10010: '10100', customfield_10011: 'main' },
      lastError: { message: 'Could not reach Acme. Jira may or may not have created the issue.', fields: {} },
    });
    let submits = 0;
    fakeApi({
      ...loggedIn(),
      ...issuesApi({
        'POST /api/projects/3/issues': { status: 201, body: unknown },
        'POST /api/issues/14/submit': () => {
          submits += 1;
          return submits === 1
            ? { ...apiError(409, 'conflict', 'Jira may still be creating this issue, or not list it yet; try again in 1 s.'), headers: { 'Retry-After': '1' } }
            : { body: anIssue({ id: 14, jiraKey: 'TB-10', summary: 'Refund button missing' }) };
        },
      }),
    });
    const { user } = renderApp('/projects/3/issues');

    const dialog = await openDialog(user);
    await paste(user, within(dialog).getByLabelText(/^Summary/), 'Refund button missing');
    await chooseOption(user, await within(dialog).findByLabelText(/^Severity/), 'Critical');
    await paste(user, within(dialog).getByLabelText(/^Found in build/), 'main');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    await user.click(await within(dialog).findByRole('button', { name: 'Retry' }));

    const waiting = await within(dialog).findByTestId('still-creating');
    expect(waiting).toHaveTextContent('Trying again in 1 s.');
    // the countdown sends the same draft again; the server looks for it in Jira before creating anything
    await waitFor(() => expect(submits).toBe(2), { timeout: 4_000 });
    await waitFor(() => expect(dialog).not.toBeInTheDocument());
  });

  it('lets a tester without a Jira token authenticate, then goes on with what they were doing', async () => {
    let authenticated = false;
    const metadata = jiraMetadata();
    const server = fakeApi({
      ...loggedIn(),
      ...issuesApi({
        'GET /api/jira/1/projects': () => (authenticated ? metadata['GET /api/jira/1/projects']! : JIRA_AUTH_REQUIRED),
        'GET /api/jira/1/projects/TB/issue-types': () =>
          authenticated ? metadata['GET /api/jira/1/projects/TB/issue-types']! : JIRA_AUTH_REQUIRED,
        ...jiraAuthentication(() => (authenticated = true)),
      }),
    });
    const { user } = renderApp('/projects/3/issues');

    const dialog = await openDialog(user);
    await paste(user, within(dialog).getByLabelText(/^Summary/), 'Typed before authenticating');
    const authentication = await screen.findByRole('dialog', { name: 'Authenticate with Jira' });
    await user.click(await within(authentication).findByRole('link', { name: /Open Jira to authorize Testbridge/ }));
    await user.type(await within(authentication).findByLabelText(/^Verification code/), 'ABCD-EFGH-JKMN-PQRS');
    await user.click(within(authentication).getByRole('button', { name: 'Authenticate' }));

    await chooseOption(user, within(dialog).getByLabelText(/^Issue type/), 'Bug');
    expect(await within(dialog).findByLabelText(/^Severity/)).toBeInTheDocument();
    expect(within(dialog).getByLabelText(/^Summary/)).toHaveValue('Typed before authenticating');
    expect(screen.queryByRole('dialog', { name: 'Authenticate with Jira' })).not.toBeInTheDocument();
    expect(server.to('POST /api/me/jira-connections/1/verification')[0]?.body).toEqual({ verificationCode: 'ABCD-EFGH-JKMN-PQRS' });
  });
});
