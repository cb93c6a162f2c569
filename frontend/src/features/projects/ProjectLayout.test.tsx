import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aFolder, casePage, PEOPLE } from '../../test/caseFixtures';
import { fakeApi } from '../../test/fakeApi';
import { aSession, aUser, loggedIn } from '../../test/fixtures';
import { aProject } from '../../test/projectFixtures';
import { renderApp } from '../../test/renderApp';

const projectApi = {
  'GET /api/projects': { body: { items: [aProject()] } },
  'GET /api/me/jira-connections': { body: { items: [] } },
  'GET /api/projects/3/folders': { body: { items: [aFolder()] } },
  'GET /api/projects/3/cases': casePage([]),
  'GET /api/projects/3/case-labels': { body: { items: [] } },
  'GET /api/projects/3/suites': { body: { items: [] } },
  'GET /api/people': { body: { items: PEOPLE } },
};

describe('ProjectLayout', () => {
  it('links to the project’s sections in a navigation landmark, the current one marked', async () => {
    fakeApi({ ...loggedIn(), ...projectApi });
    const { user, router } = renderApp('/projects/3/cases');

    const sections = await screen.findByRole('navigation', { name: 'Project sections' });
    const links = within(sections).getAllByRole('link');
    expect(links.map((link) => [link.textContent, link.getAttribute('href')])).toEqual([
      ['Issues', '/projects/3/issues'],
      ['Test cases', '/projects/3/cases'],
      ['Test suites', '/projects/3/suites'],
      ['Test cycles', '/projects/3/cycles'],
    ]);
    expect(screen.queryByRole('tab')).not.toBeInTheDocument();
    expect(within(sections).getByRole('link', { name: 'Test cases' })).toHaveAttribute('aria-current', 'page');
    expect(within(sections).getByRole('link', { name: 'Issues' })).not.toHaveAttribute('aria-current');

    await user.click(within(sections).getByRole('link', { name: 'Test suites' }));
    expect(router.state.location.pathname).toBe('/projects/3/suites');
    expect(await screen.findByText(/No test suite yet/)).toBeInTheDocument();
    expect(within(sections).getByRole('link', { name: 'Test suites' })).toHaveAttribute('aria-current', 'page');
    expect(within(sections).getByRole('link', { name: 'Test cases' })).not.toHaveAttribute('aria-current');
  });

  it('shows only the sections the user may open', async () => {
    const suitesOnly = aSession(['SUITES_VIEW'], aUser({ id: 2, username: 'sam', displayName: 'Sam Suites' }));
    fakeApi({ ...loggedIn(suitesOnly), ...projectApi });
    renderApp('/projects/3/suites');

    const sections = await screen.findByRole('navigation', { name: 'Project sections' });
    expect(within(sections).getAllByRole('link').map((link) => link.textContent)).toEqual(['Test suites']);
  });
});
