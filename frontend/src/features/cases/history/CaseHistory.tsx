import { Alert, Button, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { LoadFailure, LoadingState } from '../../../components/PageStates';
import { formatDateTime } from '../../../lib/format';
import { versionsQuery } from '../api/history';
import { describeChanges } from './diffText';
import { VersionDiff } from './VersionDiff';

interface Comparison {
  version: number;
  against: number;
}

/** The versions of a case (who, when, what changed), and what changed between any two of them. */
export function CaseHistory({ caseId, projectId }: { caseId: number; projectId: number }) {
  const versions = useQuery(versionsQuery(caseId));
  const [chosen, setChosen] = useState<Comparison | null>(null);
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);

  if (versions.isPending) return <LoadingState />;
  if (versions.isError) return <LoadFailure error={versions.error} onRetry={() => void versions.refetch()} />;
  const items = versions.data;
  const latest = items[0]?.version ?? 1;
  // Until one is chosen: what the latest version changed.
  const comparison = chosen ?? (latest > 1 ? { version: latest, against: latest - 1 } : null);
  const choices = items.map((item) => ({ value: String(item.version), label: `Version ${item.version}` }));

  return (
    <Stack gap="lg">
      <Table aria-label="Versions" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={90}>Version</Table.Th>
            <Table.Th>Who</Table.Th>
            <Table.Th>When</Table.Th>
            <Table.Th>What changed</Table.Th>
            <Table.Th w={190}>
              <Text component="span" size="sm" fw={700}>
                Compare
              </Text>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.version}>
              <Table.Td>{item.version}</Table.Td>
              <Table.Td>{item.author}</Table.Td>
              <Table.Td>{formatDateTime(item.savedAt)}</Table.Td>
              <Table.Td>{describeChanges(item.changes)}</Table.Td>
              <Table.Td>
                {item.version > 1 && (
                  <Button
                    size="compact-xs"
                    variant={comparison?.version === item.version && comparison.against === item.version - 1 ? 'filled' : 'light'}
                    onClick={() => setChosen({ version: item.version, against: item.version - 1 })}
                  >
                    Compare {item.version} with {item.version - 1}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>

      {items.length > 1 && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (from && to && from !== to) setChosen({ against: Number(from), version: Number(to) });
          }}
        >
          <Group align="flex-end" gap="sm">
            <Select label="Compare version" data={choices} value={from} onChange={setFrom} w={160} />
            <Select label="with version" data={choices} value={to} onChange={setTo} w={160} />
            <Button type="submit" variant="default" disabled={!from || !to || from === to}>
              Compare
            </Button>
          </Group>
        </form>
      )}

      {comparison ? (
        <VersionDiff caseId={caseId} projectId={projectId} version={comparison.version} against={comparison.against} />
      ) : (
        <Alert color="blue" title="One version so far">
          Every save adds a version here (the saves of one opening of the editor make one); two versions can then be compared.
        </Alert>
      )}
    </Stack>
  );
}
