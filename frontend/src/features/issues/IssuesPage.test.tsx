import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../test/fakeApi';
import { aSession, aUser, loggedIn } from '../../test/fixtures';
import { anIssue, aProject, jiraMetadata } from '../../test/projectFixtures';
import { renderApp } from '../../test/renderApp';

const viewer = aSession(['ISSUES_VIEW', 'SUITES_VIEW'], aUser({ id: 3, username: 'vic', displayName: 'Vic Viewer', roles: [{ id: 3, name: 'Viewer' }] }));
const failed = anIssue({
  id: 12,
  summary: 'Voucher field accepts expired codes',
  state: 'FAILED',
  jiraKey: null,
  jiraUrl: null,
  jiraStatus: null,
  fields: { customfield_10010: '10101', customfield_10011: 'x' },
  lastError: { message: 'Jira refused the issue.', fields: { customfield_10011: 'Found in build must look like 2026.1.2.' } },
});

function issuesApi(extra = {}) {
  return {
    'GET /api/projects': { body: { items: [aProject()] } },
    'GET /api/projects/3/issues': { body: { items: [anIssue(), failed] } },
    ...jiraMetadata(),
    ...extra,
  };
}

describe('IssuesPage', () => {
  it('lists the issues with their Jira key linking to Jira, their status and their state', async () => {
    fakeApi({ ...loggedIn(), ...issuesApi() });
    renderApp('/projects/3/issues');

    const table = await screen.findByRole('table', { name: 'Issues' });
    const [, created, draft] = within(table).getAllByRole('row');
    const key = within(created!).getByRole('link', { name: 'TB-8' });
    expect(key).toHaveAttribute('href', 'https://acme.atlassian.net/browse/TB-8');
    expect(key).toHaveAttribute('target', '_blank');
    expect(created).toHaveTextContent('To Do');
    expect(created).toHaveTextContent('In Jira');
    expect(within(created!).queryByRole('button', { name: /Retry/ })).not.toBeInTheDocument();
    expect(draft).toHaveTextContent('Failed');
    expect(draft).toHaveTextContent('Jira refused the issue.');
    expect(within(draft!).getByRole('button', { name: 'Retry Voucher field accepts expired codes' })).toBeInTheDocument();
    expect(within(screen.getByRole('navigation', { name: 'Project sections' })).getByRole('link', { name: 'Issues' })).toHaveAttribute('aria-current', 'page');
  });

  it('reopens a failed draft with everything the tester typed and Jira’s errors beside their fields', async () => {
    const server = fakeApi({
      ...loggedIn(),
      ...issuesApi({
        'PATCH /api/issues/12': { body: { ...failed, fields: { customfield_10010: '10101', customfield_10011: '2026.1.2' } } },
        'POST /api/issues/12/submit': { body: anIssue({ id: 12, summary: failed.summary, jiraKey: 'TB-9' }) },
      }),
    });
    const { user } = renderApp('/projects/3/issues');

    await user.click(await screen.findByRole('button', { name: 'Retry Voucher field accepts expired codes' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create Jira issue' });
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Jira refused the issue.');
    expect(within(dialog).getByLabelText(/^Summary/)).toHaveValue('Voucher field accepts expired codes');
    const build = await within(dialog).findByLabelText(/^Found in build/);
    expect(build).toHaveValue('x');
    expect(build).toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).getByText('Found in build must look like 2026.1.2.')).toBeInTheDocument();
    expect(within(dialog).getByLabelText(/^Severity/)).toHaveValue('Major');

    await user.clear(build);
    await user.type(build, '2026.1.2');
    await user.click(within(dialog).getByRole('button', { name: 'Retry' }));

    expect(await screen.findByText('Created TB-9 in Jira')).toBeInTheDocument();
    expect(server.to('PATCH /api/issues/12')[0]?.body).toEqual({
      summary: 'Voucher field accepts expired codes',
      description: '',
      fields: { customfield_10010: '10101', customfield_10011: '2026.1.2' },
    });
    expect(server.to('POST /api/issues/12/submit')).toHaveLength(1);
    expect(server.to('POST /api/projects/3/issues')).toHaveLength(0);
  });

  it('offers Retry only on the drafts the signed-in user wrote: a draft reaches Jira as its author', async () => {
    const colleagues = anIssue({ id: 13, summary: 'Search ignores accents', state: 'FAILED', jiraKey: null, jiraUrl: null, jiraStatus: null, createdBy: 2 });
    fakeApi({ ...loggedIn(), ...issuesApi({ 'GET /api/projects/3/issues': { body: { items: [failed, colleagues] } } }) });
    renderApp('/projects/3/issues');

    const table = await screen.findByRole('table', { name: 'Issues' });
    const [, mine, theirs] = within(table).getAllByRole('row');
    expect(within(mine!).getByRole('button', { name: 'Retry Voucher field accepts expired codes' })).toBeInTheDocument();
    expect(within(theirs!).queryByRole('button', { name: /Retry/ })).not.toBeInTheDocument();
    expect(theirs).toHaveTextContent('Its author’s draft');
  });

  it('offers a viewer neither Create nor Retry', async () => {
    fakeApi({ ...loggedIn(viewer), ...issuesApi() });
    renderApp('/projects/3/issues');

    await screen.findByRole('table', { name: 'Issues' });
    expect(screen.queryByRole('button', { name: 'Create Jira issue' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Retry/ })).not.toBeInTheDocument();
  });
});
