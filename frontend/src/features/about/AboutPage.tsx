import { Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { FactsTable } from '../../components/FactsTable';
import { LoadFailure, LoadingState } from '../../components/PageStates';
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
          <FactsTable
            label="About this server"
            labelWidth={120}
            facts={[
              { label: 'Product', value: about.data.name },
              { label: 'Version', value: about.data.version, testId: 'about-version' },
            ]}
          />
        </>
      )}
    </Stack>
  );
}
