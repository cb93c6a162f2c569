import { Table } from '@mantine/core';
import type { ReactNode } from 'react';

export interface Fact {
  label: string;
  value: ReactNode;
  /** For tests that read one value. */
  testId?: string;
}

/** A two-column table of named facts (About, System): each label is the row's header. */
export function FactsTable({ facts, label, labelWidth = 160 }: { facts: readonly Fact[]; label: string; labelWidth?: number }) {
  return (
    <Table variant="vertical" layout="fixed" withTableBorder maw={640} aria-label={label}>
      <Table.Tbody>
        {facts.map((fact) => (
          <Table.Tr key={fact.label}>
            <Table.Th scope="row" w={labelWidth}>
              {fact.label}
            </Table.Th>
            <Table.Td data-testid={fact.testId}>{fact.value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
