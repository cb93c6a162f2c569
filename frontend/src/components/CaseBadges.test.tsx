import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithTheme } from '../test/renderApp';
import { PriorityBadge, StatusBadge } from './CaseBadges';

describe('the case badges', () => {
  it('read as the editor’s fields do, as written, and keep their width in a narrow column', () => {
    renderWithTheme(
      <>
        <StatusBadge status="READY" />
        <PriorityBadge priority="CRITICAL" />
      </>,
    );

    for (const text of ['Ready', 'Critical']) {
      const badge = screen.getByText(text).closest<HTMLElement>('.mantine-Badge-root')!;
      expect(badge).toHaveStyle({ textTransform: 'none', minWidth: 'max-content' });
    }
  });
});
