import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../test/fakeApi';
import { aSession, loggedIn } from '../../test/fixtures';
import { renderApp } from '../../test/renderApp';

describe('IntegrationsPage', () => {
  it('is shown to a user with Integration: View', async () => {
    fakeApi(loggedIn(aSession(['INTEGRATION_VIEW'])));

    renderApp('/integrations');

    expect(await screen.findByRole('heading', { name: 'Integrations' })).toBeInTheDocument();
    expect(screen.getByText('Coming soon')).toBeInTheDocument();
  });
});
