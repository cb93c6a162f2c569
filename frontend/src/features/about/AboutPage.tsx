import { Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { LoadFailure, LoadingState } from '../../layout/PageStates';
import { aboutQuery } from './api';

export function AboutPage() {
  const about = useQuery(aboutQuery);
  return (
    <Stack>
      <Title order={1}>About</Title>
      {about.isPending && <LoadingState />}
      {about.isError && <LoadFailure error={about.error} onRetry={() => void about.refetch()} />}
      {about.data && (
        <>
          <Text>Self-hosted test management with per-user OAuth 2.0 connections to Jira Cloud and Data Center.</Text>
          <Table variant="vertical" layout="fixed" withTableBorder maw={480}>
            <Table.Tbody>
              <Table.Tr>
                <Table.Th scope="row" w={120}>
                  Product
                </Table.Th>
                <Table.Td>{about.data.name}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">Version</Table.Th>
                <Table.Td data-testid="about-version">{about.data.version}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}
