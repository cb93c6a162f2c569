import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aFolder, aTestCase, PEOPLE } from '../../../test/caseFixtures';
import { chooseOption } from '../../../test/chooseOption';
import { apiError, fakeApi, type FakeAnswer, type RecordedRequest } from '../../../test/fakeApi';
import { aSession, loggedIn } from '../../../test/fixtures';
import { aProject } from '../../../test/projectFixtures';
import { renderApp } from '../../../test/renderApp';

type SaveBody = { title: string; revision: number; editSession: string; steps: { action: string }[] };

function editorApi(save: (request: RecordedRequest) => FakeAnswer, extra = {}) {
  return {
    'GET /api/projects': { body: { items: [aProject()] } },
    'GET /api/projects/3/folders': { body: { items: [aFolder()] } },
    'GET /api/people': { body: { items: PEOPLE } },
    'GET /api/cases/1': { body: aTestCase() },
    'GET /api/cases/1/versions': { body: { items: [] } },
    'PUT /api/cases/1': save,
    ...extra,
  };
}

/** The server's answer to a save: the case with the content sent and the next revision. */
function accepted(request: RecordedRequest, revision: number): FakeAnswer {
  const { revision: _, editSession: __, ...content } = request.body as SaveBody;
  return { body: aTestCase({ ...(content as object), revision, version: 2 }) };
}

const saveStatus = () => screen.getByTestId('save-status');

describe('CaseEditorPage', () => {
  it('saves once typing pauses, in one edit session, from the revision of the last answer', async () => {
    let revision = 1;
    const server = fakeApi({ ...loggedIn(), ...editorApi((request) => accepted(request, ++revision)) });
    const { user } = renderApp('/projects/3/cases/1');

    const title = await screen.findByRole('textbox', { name: 'Title' });
    expect(saveStatus()).toHaveTextContent('Saved');
    await user.type(title, ' with 3-D Secure');
    expect(saveStatus()).toHaveTextContent('Unsaved changes');

    await waitFor(() => expect(server.to('PUT /api/cases/1')).toHaveLength(1));
    await waitFor(() => expect(saveStatus()).toHaveTextContent('Saved'));
    await user.type(screen.getByRole('textbox', { name: 'Step 2 action' }), ' again');
    await waitFor(() => expect(server.to('PUT /api/cases/1')).toHaveLength(2));

    const [first, second] = server.to('PUT /api/cases/1').map((request) => request.body as SaveBody);
    expect(first).toMatchObject({ title: 'Pay by card with 3-D Secure', revision: 1 });
    expect(second).toMatchObject({ revision: 2, editSession: first!.editSession });
    expect(second!.steps.map((step) => step.action)).toEqual(['Add an item', 'Pay by card again']);
    expect(first!.editSession).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('says a save failed and retries it until the server answers, losing nothing typed', async () => {
    let attempts = 0;
    const server = fakeApi({
      ...loggedIn(),
      ...editorApi((request) => {
        attempts += 1;
        if (attempts === 1) throw new TypeError('Failed to fetch');
        return accepted(request, 2);
      }),
    });
    const { user } = renderApp('/projects/3/cases/1');

    await user.type(await screen.findByRole('textbox', { name: 'Precondition' }), 'A card is registered');

    await waitFor(() => expect(saveStatus()).toHaveTextContent('Not saved — retrying'));
    expect(screen.getByRole('button', { name: 'Retry now' })).toBeInTheDocument();
    await waitFor(() => expect(saveStatus()).toHaveTextContent('Saved'));
    expect(server.to('PUT /api/cases/1').map((request) => (request.body as { precondition: string }).precondition)).toEqual([
      'A card is registered',
      'A card is registered',
    ]);
  });

  it('shows who saved in between on a conflict, keeps my text, and keeps mine on top of their revision when asked', async () => {
    const theirs = aTestCase({ title: 'Pay by credit card', revision: 5, updatedBy: { id: 2, name: 'Tess Tester' } });
    const server = fakeApi({
      ...loggedIn(),
      ...editorApi((request) =>
        (request.body as SaveBody).revision === 1
          ? { status: 409, body: { error: { code: 'edit_conflict', message: 'Someone else saved this case', current: theirs } } }
          : accepted(request, 6),
      ),
    });
    const { user } = renderApp('/projects/3/cases/1');

    const title = await screen.findByRole('textbox', { name: 'Title' });
    await user.clear(title);
    await user.type(title, 'Pay by debit card');

    const banner = await screen.findByRole('alert', { name: 'Tess Tester saved this case since you opened it' });
    expect(banner).toHaveTextContent('Yours differs from theirs in: Title.');
    expect(title).toHaveValue('Pay by debit card');
    expect(saveStatus()).toHaveTextContent('Not saved — someone else saved this case');

    await user.click(within(banner).getByRole('button', { name: 'Keep mine' }));

    await waitFor(() => expect(saveStatus()).toHaveTextContent('Saved'));
    expect(server.to('PUT /api/cases/1').at(-1)?.body).toMatchObject({ title: 'Pay by debit card', revision: 5 });
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('takes their version on a conflict after offering to copy mine', async () => {
    const theirs = aTestCase({ title: 'Pay by credit card', revision: 5, updatedBy: { id: 2, name: 'Tess Tester' } });
    const server = fakeApi({
      ...loggedIn(),
      ...editorApi(() => ({ status: 409, body: { error: { code: 'edit_conflict', message: 'Someone else saved this case', current: theirs } } })),
    });
    const { user } = renderApp('/projects/3/cases/1');

    const title = await screen.findByRole('textbox', { name: 'Title' });
    await user.type(title, ' now');
    const banner = await screen.findByRole('alert', { name: 'Tess Tester saved this case since you opened it' });
    await user.click(within(banner).getByRole('button', { name: 'Take theirs' }));
    const dialog = await screen.findByRole('dialog', { name: 'Take theirs?' });
    expect(within(dialog).getByRole('button', { name: 'Copy mine' })).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Take theirs' }));

    expect(title).toHaveValue('Pay by credit card');
    expect(saveStatus()).toHaveTextContent('Saved');
    expect(server.to('PUT /api/cases/1')).toHaveLength(1);
  });

  it('suggests the project’s labels in use for the case’s labels', async () => {
    const server = fakeApi({
      ...loggedIn(),
      ...editorApi((request) => accepted(request, 2), {
        'GET /api/projects/3/case-labels': { body: { items: [{ label: 'checkout', cases: 2 }, { label: 'smoke', cases: 5 }] } },
      }),
    });
    const { user } = renderApp('/projects/3/cases/1');

    const labels = await screen.findByRole('textbox', { name: /^Labels/ });
    await user.type(labels, 'moke');
    await chooseOption(user, labels, 'smoke 5 cases');

    await waitFor(() => expect(server.to('PUT /api/cases/1').at(-1)?.body).toMatchObject({ labels: ['smoke'] }));
  });

  it('says what the server refused and does not retry it', async () => {
    const server = fakeApi({
      ...loggedIn(),
      ...editorApi(() => apiError(400, 'invalid_request', 'The estimate is minutes, between 0 and 99999.', 'estimateMinutes')),
    });
    const { user } = renderApp('/projects/3/cases/1');

    await user.type(await screen.findByRole('textbox', { name: 'Estimate (minutes)' }), '90');

    await waitFor(() => expect(saveStatus()).toHaveTextContent('Not saved — The estimate is minutes, between 0 and 99999.'));
    expect(server.to('PUT /api/cases/1')).toHaveLength(1);
  });

  it('opens an archived case read-only, with Restore', async () => {
    const server = fakeApi({
      ...loggedIn(),
      ...editorApi(() => ({ status: 500 }), {
        'GET /api/cases/1': { body: aTestCase({ archived: true }) },
        'POST /api/projects/3/cases/restore': { body: { updated: 1 } },
      }),
    });
    const { user } = renderApp('/projects/3/cases/1');

    expect(await screen.findByText('This case is in the archive')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Title' })).toHaveAttribute('readonly');
    expect(screen.queryByRole('button', { name: 'Add step' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Restore' }));

    expect(await screen.findByText('Restored SHOP-TC-1.')).toBeInTheDocument();
    expect(server.to('POST /api/projects/3/cases/restore')[0]?.body).toEqual({ caseIds: [1] });
  });

  it('lists the suites the case is in, and lets a viewer read without editing', async () => {
    fakeApi({
      ...loggedIn(aSession(['CASES_VIEW', 'SUITES_VIEW'])),
      ...editorApi(() => ({ status: 403 }), { 'GET /api/cases/1': { body: aTestCase({ suites: [{ id: 21, name: 'Checkout' }] }) } }),
    });
    renderApp('/projects/3/cases/1');

    expect(await screen.findByRole('link', { name: 'Checkout' })).toHaveAttribute('href', '/projects/3/suites/21');
    expect(screen.getByRole('textbox', { name: 'Title' })).toHaveAttribute('readonly');
    expect(screen.queryByTestId('save-status')).not.toBeInTheDocument();
  });

  it('saves at once when leaving the editor before the typing pause, then goes on', async () => {
    const server = fakeApi({
      ...loggedIn(),
      ...editorApi((request) => accepted(request, 2), { 'GET /api/projects/3/cases': { body: { items: [], total: 0, page: 1, pageSize: 50 } } }),
    });
    const { user, router } = renderApp('/projects/3/cases/1');

    await user.type(await screen.findByRole('textbox', { name: 'Precondition' }), 'Logged in');
    await user.click(screen.getByRole('link', { name: '← Test cases' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/projects/3/cases'));
    expect(server.to('PUT /api/cases/1').map((request) => request.body)).toMatchObject([{ precondition: 'Logged in' }]);
  });

  it('asks before leaving what cannot be saved, and stays when asked to', async () => {
    const server = fakeApi({ ...loggedIn(), ...editorApi((request) => accepted(request, 2)) });
    const { user, router } = renderApp('/projects/3/cases/1');

    await user.clear(await screen.findByRole('textbox', { name: 'Title' }));
    await user.click(screen.getByRole('link', { name: '← Test cases' }));

    const dialog = await screen.findByRole('dialog', { name: 'Leave without saving?' });
    await user.click(within(dialog).getByRole('button', { name: 'Stay' }));
    expect(router.state.location.pathname).toBe('/projects/3/cases/1');
    expect(saveStatus()).toHaveTextContent('Not saved — Give the case a title to save it.');
    expect(server.to('PUT /api/cases/1')).toHaveLength(0);
  });
});
