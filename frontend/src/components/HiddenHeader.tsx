import { Table, VisuallyHidden, type TableThProps } from '@mantine/core';

/**
 * A column header with no visible text (row actions, a checkbox): its words are visually hidden
 * text rather than an aria-label on an empty cell, which not every screen reader reads for a
 * header, and which axe's empty-table-header flags.
 */
export function HiddenHeader({ children, ...props }: TableThProps & { children: string }) {
  return (
    <Table.Th {...props}>
      <VisuallyHidden>{children}</VisuallyHidden>
    </Table.Th>
  );
}
