import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Schemas } from '../../../api/client';
import { aFolder, aTestCase, PEOPLE } from '../../../test/caseFixtures';
import { chooseOption } from '../../../test/chooseOption';
import { fakeApi, type RecordedRequest } from '../../../test/fakeApi';
import { loggedIn } from '../../../test/fixtures';
import { aProject } from '../../../test/projectFixtures';
import { renderApp } from '../../../test/renderApp';

const step = (n: number, action: string, expected = '') => ({ id: `00000000-0000-4000-8000-00000000000${n}`, action, data: '', expected });

const VERSIONS: Schemas['CaseVersion'][] = [
  { version: 3, changes: ['title', 'steps', 'owner'], author: 'Tess Tester', createdAt: '2026-11-29T10:00:00Z', savedAt: '2026-11-29T10:05:00Z' },
  { version: 2, changes: ['steps'], author: 'Ada Admin', createdAt: '2026-11-28T15:00:00Z', savedAt: '2026-11-28T15:00:00Z' },
  { version: 1, changes: ['created'], author: 'Gone User', createdAt: '2026-11-28T14:00:00Z', savedAt: '2026-11-28T14:00:00Z' },
];

const DIFF_3_AGAINST_2 = {
  version: 3,
  against: 2,
  fields: [
    { field: 'title', before: 'Pay by card', after: 'Pay by card with 3-D Secure' },
    { field: 'ownerId', before: null, after: 2 },
    { field: 'folderId', before: null, after: 5 },
  ],
  steps: [
    { change: 'moved', id: step(3, '').id, number: 1, previousNumber: 3, before: step(3, 'Log in'), after: step(3, 'Log in') },
    { change: 'changed', id: step(1, '').id, number: 2, previousNumber: 1, before: step(1, 'Add an item', 'Cart shows 1'), after: step(1, 'Add an item', 'The cart shows 1 item') },
    { change: 'removed', id: step(2, '').id, number: null, previousNumber: 2, before: step(2, 'Pay by card'), after: null },
    { change: 'added', id: step(4, '').id, number: 3, previousNumber: null, before: null, after: step(4, 'Confirm with 3-D Secure', 'Paid') },
  ],
};

function historyApi() {
  return {
    'GET /api/projects': { body: { items: [aProject()] } },
    'GET /api/projects/3/folders': { body: { items: [aFolder({ id: 5, name: 'Checkout' })] } },
    'GET /api/people': { body: { items: PEOPLE } },
    'GET /api/cases/1': { body: aTestCase({ version: 3 }) },
    'GET /api/cases/1/versions': { body: { items: VERSIONS } },
    'GET /api/cases/1/versions/3/diff': { body: DIFF_3_AGAINST_2 },
    'GET /api/cases/1/versions/2/diff': (request: RecordedRequest) => ({
      body: { version: 2, against: Number(request.query.get('against')), fields: [], steps: [] },
    }),
  };
}

describe('CaseHistory', () => {
  it('lists the versions, and shows what the latest changed as text: fields before and after, steps added, removed, changed, moved', async () => {
    fakeApi({ ...loggedIn(), ...historyApi() });
    const { user } = renderApp('/projects/3/cases/1');

    await user.click(await screen.findByRole('tab', { name: 'History' }));

    const versions = await screen.findByRole('table', { name: 'Versions' });
    const [, latest, , first] = within(versions).getAllByRole('row');
    expect(within(latest!).getAllByRole('cell').slice(0, 2).map((cell) => cell.textContent)).toEqual(['3', 'Tess Tester']);
    expect(latest).toHaveTextContent('Title, Steps, Owner');
    expect(first).toHaveTextContent('Created');
    // Authors come by name (the server's, or the one kept with the version when the person is gone).
    expect(within(first!).getAllByRole('cell')[1]).toHaveTextContent('Gone User');

    expect(await screen.findByRole('heading', { name: 'Changes from version 2 to version 3' })).toBeInTheDocument();
    const fields = screen.getByRole('table', { name: 'Changed fields' });
    const rows = within(fields).getAllByRole('row').slice(1).map((row) => [...row.children].map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['Title', 'Pay by card', 'Pay by card with 3-D Secure'],
      ['Owner', 'Nobody', 'Tess Tester'],
      ['Folder', 'No folder', 'Checkout'],
    ]);

    const steps = within(screen.getByRole('list', { name: 'Changed steps' })).getAllByRole('listitem');
    expect(steps).toHaveLength(4);
    expect(steps[0]).toHaveTextContent(/^MovedStep 1, was 3/);
    expect(steps[0]).toHaveTextContent('Log in');
    expect(steps[1]).toHaveTextContent(/^ChangedStep 2, was 1/);
    expect(within(steps[1]!).getByRole('table', { name: 'Changed step fields' })).toHaveTextContent('Expected resultCart shows 1The cart shows 1 item');
    expect(steps[2]).toHaveTextContent(/^RemovedStep 2 \(before\)Action.*Pay by card/);
    expect(steps[3]).toHaveTextContent(/^AddedStep 3Action.*Confirm with 3-D Secure.*Paid/);
    expect(document.body).not.toHaveTextContent('"action"');
  });

  it('compares a version with the previous one, or any two chosen', async () => {
    const server = fakeApi({ ...loggedIn(), ...historyApi() });
    const { user } = renderApp('/projects/3/cases/1');
    await user.click(await screen.findByRole('tab', { name: 'History' }));

    await user.click(await screen.findByRole('button', { name: 'Compare 2 with 1' }));
    expect(await screen.findByRole('heading', { name: 'Changes from version 1 to version 2' })).toBeInTheDocument();
    expect(screen.getByText('No differences.')).toBeInTheDocument();

    await chooseOption(user, screen.getByRole('textbox', { name: 'Compare version' }), 'Version 3');
    await chooseOption(user, screen.getByRole('textbox', { name: 'with version' }), 'Version 2');
    await user.click(screen.getByRole('button', { name: 'Compare' }));

    expect(await screen.findByRole('heading', { name: 'Changes from version 3 to version 2' })).toBeInTheDocument();
    await waitFor(() => expect(server.to('GET /api/cases/1/versions/2/diff').map((request) => request.query.get('against'))).toEqual(['1', '3']));
  });
});
