import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aCaseSummary, casePage, PEOPLE } from '../../../test/caseFixtures';
import { fakeApi, type RecordedRequest } from '../../../test/fakeApi';
import { loggedIn } from '../../../test/fixtures';
import { aProject } from '../../../test/projectFixtures';
import { renderApp } from '../../../test/renderApp';

const GOOD_CSV = 'Key,Title,Step,Action,Expected\n,Log in,1,Open /login,The form shows\n,,2,Sign in,Signed in\n';
const BAD_CSV = 'Key,Title,Priority,Step,Action\n,Log in,URGENT,1,Open /login\n';

function importApi(importAnswer: (request: RecordedRequest) => { status?: number; body: unknown }) {
  return {
    'GET /api/projects': { body: { items: [aProject()] } },
    'GET /api/projects/3/folders': { body: { items: [] } },
    'GET /api/projects/3/cases': casePage([aCaseSummary()]),
    'GET /api/people': { body: { items: PEOPLE } },
    'POST /api/projects/3/cases/import': importAnswer,
  };
}

const clean = { rows: 2, newCases: 1, updatedCases: 0, steps: 2, problems: [] };

async function openAndChoose(user: ReturnType<typeof renderApp>['user'], file: File) {
  await user.click(await screen.findByRole('button', { name: 'Import CSV' }));
  const dialog = await screen.findByRole('dialog', { name: 'Import test cases from CSV' });
  await user.upload(dialog.querySelector<HTMLInputElement>('input[type="file"]')!, file);
  return dialog;
}

describe('ImportCasesDialog', () => {
  it('shows its file field’s placeholder in the readable dimmed colour, not Mantine’s pale gray', async () => {
    fakeApi({ ...loggedIn(), ...importApi(() => ({ body: clean })) });
    const { user } = renderApp('/projects/3/cases');

    await user.click(await screen.findByRole('button', { name: 'Import CSV' }));
    const dialog = await screen.findByRole('dialog', { name: 'Import test cases from CSV' });
    expect(within(dialog).getByText('Choose a .csv file')).toHaveStyle({ color: 'var(--mantine-color-dimmed)' });
  });

  it('checks the file first, says what it holds, then imports it and refreshes the list', async () => {
    const server = fakeApi({
      ...loggedIn(),
      ...importApi((request) => ({ body: { ...clean, imported: !(request.body as { dryRun: boolean }).dryRun } })),
    });
    const { user } = renderApp('/projects/3/cases');

    const dialog = await openAndChoose(user, new File([GOOD_CSV], 'cases.csv', { type: 'text/csv' }));

    expect(await within(dialog).findByText('2 rows → 1 new case, 0 updated, 2 steps')).toBeInTheDocument();
    expect(server.to('POST /api/projects/3/cases/import')[0]?.body).toEqual({ csv: GOOD_CSV, dryRun: true });
    const listsBefore = server.to('GET /api/projects/3/cases').length;
    await user.click(within(dialog).getByRole('button', { name: 'Import 1 case' }));

    expect(await screen.findByText('Imported: 2 rows → 1 new case, 0 updated, 2 steps.')).toBeInTheDocument();
    expect(server.to('POST /api/projects/3/cases/import')[1]?.body).toEqual({ csv: GOOD_CSV, dryRun: false });
    await waitFor(() => expect(server.to('GET /api/projects/3/cases').length).toBeGreaterThan(listsBefore));
  });

  it('lists the problems of a file by row and column, and imports nothing', async () => {
    const server = fakeApi({
      ...loggedIn(),
      ...importApi(() => ({
        body: {
          imported: false,
          rows: 1,
          newCases: 1,
          updatedCases: 0,
          steps: 1,
          problems: [
            { row: 2, column: 'Priority', message: 'URGENT is not a priority; use CRITICAL, HIGH, MEDIUM or LOW.' },
            { row: 1, column: null, message: 'There is no Expected column.' },
          ],
        },
      })),
    });
    const { user } = renderApp('/projects/3/cases');

    const dialog = await openAndChoose(user, new File([BAD_CSV], 'bad.csv', { type: 'text/csv' }));

    const problems = await within(dialog).findByRole('table', { name: 'Problems' });
    expect(within(dialog).getByText('The file has 2 problems')).toBeInTheDocument();
    const rows = within(problems).getAllByRole('row').slice(1).map((row) => within(row).getAllByRole('cell').map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['2', 'Priority', 'URGENT is not a priority; use CRITICAL, HIGH, MEDIUM or LOW.'],
      ['1', '—', 'There is no Expected column.'],
    ]);
    expect(within(dialog).getByRole('button', { name: 'Import' })).toBeDisabled();
    expect(server.to('POST /api/projects/3/cases/import')).toHaveLength(1);
  });

  it('refuses a file over 10 MB in the browser', async () => {
    const server = fakeApi({ ...loggedIn(), ...importApi(() => ({ body: clean })) });
    const { user } = renderApp('/projects/3/cases');
    const big = new File(['Key,Title'], 'huge.csv', { type: 'text/csv' });
    Object.defineProperty(big, 'size', { value: 12 * 1024 * 1024 });

    const dialog = await openAndChoose(user, big);

    expect(await within(dialog).findByText(/This file is 12.0 MB; import at most 10.0 MB at a time/)).toBeInTheDocument();
    expect(server.to('POST /api/projects/3/cases/import')).toHaveLength(0);
  });
});
