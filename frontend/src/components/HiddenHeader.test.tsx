import { Table } from '@mantine/core';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithTheme } from '../test/renderApp';
import { HiddenHeader } from './HiddenHeader';

describe('HiddenHeader', () => {
  it('is a column header with text of its own, only visually hidden', () => {
    renderWithTheme(
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <HiddenHeader w={140}>Actions</HiddenHeader>
          </Table.Tr>
        </Table.Thead>
      </Table>,
    );

    const header = screen.getByRole('columnheader', { name: 'Actions' });
    expect(header).toHaveTextContent('Actions');
    expect(header).not.toHaveAttribute('aria-label');
    expect(screen.getByText('Actions')).toHaveClass('mantine-VisuallyHidden-root');
  });
});
