import { Button } from '@mantine/core';
import { screen, within } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { renderWithTheme } from '../test/renderApp';
import { Drawer, Modal } from './dialogs';

function Opener({ kind }: { kind: 'modal' | 'drawer' }) {
  const [open, setOpen] = useState(false);
  const Dialog = kind === 'modal' ? Modal : Drawer;
  return (
    <>
      <header>The app’s header</header>
      <Button onClick={() => setOpen(true)}>Open</Button>
      {open && (
        <Dialog opened onClose={() => setOpen(false)} title="Rename the folder">
          <p>The body</p>
        </Dialog>
      )}
    </>
  );
}

describe.each(['modal', 'drawer'] as const)('the %s', (kind) => {
  it('is named by its title, has a named close button, adds no second banner, and gives focus back on close', async () => {
    const { user } = renderWithTheme(<Opener kind={kind} />);
    await user.click(screen.getByRole('button', { name: 'Open' }));

    const dialog = await screen.findByRole('dialog', { name: 'Rename the folder' });
    expect(within(dialog).getByText('The body')).toBeInTheDocument();
    // Only the page's own header is a banner landmark.
    expect(screen.getAllByRole('banner')).toHaveLength(1);
    expect(dialog.querySelector('header:not([role="none"])')).toBeNull();

    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    await expect.poll(() => document.activeElement).toBe(screen.getByRole('button', { name: 'Open' }));
  });
});
