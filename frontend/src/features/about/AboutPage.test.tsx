import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../test/fakeApi';
import { loggedIn } from '../../test/fixtures';
import { renderApp } from '../../test/renderApp';

describe('AboutPage', () => {
  it('shows the name and version the server reports', async () => {
    fakeApi({ ...loggedIn(), 'GET /api/about': { body: { name: 'Testbridge', version: '1.2.3' } } });

    renderApp('/about');

    expect(await screen.findByText('1.2.3')).toBeInTheDocument();
    expect(screen.getByRole('rowheader', { name: 'Version' })).toBeInTheDocument();
    expect(screen.getByText('Testbridge', { selector: 'td' })).toBeInTheDocument();
  });
});
