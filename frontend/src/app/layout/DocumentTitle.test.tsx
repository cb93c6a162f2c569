import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aFolder, aTestCase, casePage, PEOPLE } from '../../test/caseFixtures';
import { fakeApi } from '../../test/fakeApi';
import { loggedIn } from '../../test/fixtures';
import { aConnection, aProject, aSuite } from '../../test/projectFixtures';
import { renderApp } from '../../test/renderApp';

const project = {
  'GET /api/projects': { body: { items: [aProject()] } },
  'GET /api/me/jira-connections': { body: { items: [aConnection()] } },
  'GET /api/people': { body: { items: PEOPLE } },
  'GET /api/projects/3/folders': { body: { items: [aFolder()] } },
  'GET /api/projects/3/case-labels': { body: { items: [] } },
};

describe('the document title (WCAG 2.4.2)', () => {
  it('names the login page', async () => {
    fakeApi({
      'GET /api/setup': { body: { needsAdmin: false } },
      'GET /api/me': { status: 401, body: { error: { code: 'unauthenticated', message: 'Log in first' } } },
    });
    renderApp('/about');

    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeInTheDocument();
    expect(document.title).toBe('Log in · Testbridge');
  });

  it('names a page outside projects, and changes with the page', async () => {
    fakeApi({ ...loggedIn(), 'GET /api/about': { body: { name: 'Testbridge', version: '0.1.0' } }, ...project });
    const { router } = renderApp('/about');

    await screen.findByRole('heading', { name: 'About' });
    await waitFor(() => expect(document.title).toBe('About · Testbridge'));

    await router.navigate('/me/jira-connections');
    await screen.findByRole('heading', { name: 'My Jira connections' });
    await waitFor(() => expect(document.title).toBe('My Jira connections · Testbridge'));

    await router.navigate('/nowhere');
    await screen.findByRole('heading', { name: 'Page not found' });
    await waitFor(() => expect(document.title).toBe('Page not found · Testbridge'));
  });

  it('names a project’s page with the project’s key', async () => {
    fakeApi({ ...loggedIn(), ...project, 'GET /api/projects/3/cases': casePage([]) });
    renderApp('/projects/3/cases');

    await screen.findByText('No test case yet');
    await waitFor(() => expect(document.title).toBe('Test cases · SHOP · Testbridge'));
  });

  it('names the open case by its key and title, and a suite by its name', async () => {
    fakeApi({ ...loggedIn(), ...project, 'GET /api/cases/1': { body: aTestCase() }, 'GET /api/suites/21': { body: aSuite() } });
    const { router } = renderApp('/projects/3/cases/1');

    await screen.findByRole('textbox', { name: 'Title' });
    await waitFor(() => expect(document.title).toBe('SHOP-TC-1 Pay by card · Test cases · SHOP · Testbridge'));

    await router.navigate('/projects/3/suites/21');
    await screen.findByRole('heading', { name: 'Checkout' });
    await waitFor(() => expect(document.title).toBe('Checkout · Test suites · SHOP · Testbridge'));
  });
});
