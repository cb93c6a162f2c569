import { Alert, Badge, Button, Code, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { DownloadIcon } from '../../components/icons';
import { LoadFailure, LoadingState } from '../../components/PageStates';
import { formatDateTime, formatDuration, formatSize } from '../../lib/format';
import { describeError } from '../../lib/forms/showApiError';
import { BACKUP_DOWNLOAD_URL, backupsQuery, startBackup, type BackupRun, type BackupStatus } from './api';

const KIND_LABELS: Record<BackupRun['kind'], string> = {
  SCHEDULED: 'Daily',
  MANUAL: 'Back up now',
  DOWNLOAD: 'Download',
};

function scheduleText(status: BackupStatus): string {
  const keeping = `keeping the newest ${status.keep}`;
  if (!status.dailyAt) {
    return `No daily backup is scheduled (set TESTBRIDGE_BACKUP_TIME, e.g. 02:30). Back up now writes into ${status.folder}, ${keeping}.`;
  }
  return `Every day at ${status.dailyAt} (server time) into ${status.folder}, ${keeping}. Next: ${formatDateTime(status.nextRunAt)}.`;
}

function tookSeconds(run: BackupRun): number {
  return (new Date(run.finishedAt).getTime() - new Date(run.startedAt).getTime()) / 1000;
}

function LatestBackups({ runs }: { runs: readonly BackupRun[] }) {
  if (runs.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No backup has been taken yet.
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table aria-label="Latest backups" striped withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Started</Table.Th>
            <Table.Th>Kind</Table.Th>
            <Table.Th>Outcome</Table.Th>
            <Table.Th>File</Table.Th>
            <Table.Th>Size</Table.Th>
            <Table.Th>Rows</Table.Th>
            <Table.Th>Took</Table.Th>
            <Table.Th>Note</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {runs.map((run) => (
            <Table.Tr key={`${run.kind}-${run.startedAt}`}>
              <Table.Td>{formatDateTime(run.startedAt)}</Table.Td>
              <Table.Td>{KIND_LABELS[run.kind]}</Table.Td>
              <Table.Td>
                <Badge color={run.succeeded ? 'green' : 'red'} variant="light" style={{ flexShrink: 0 }}>
                  {run.succeeded ? 'Succeeded' : 'Failed'}
                </Badge>
              </Table.Td>
              <Table.Td>{run.file ? <Code>{run.file}</Code> : '—'}</Table.Td>
              <Table.Td>{run.bytes == null ? '—' : formatSize(run.bytes)}</Table.Td>
              <Table.Td>{run.rows == null ? '—' : run.rows.toLocaleString()}</Table.Td>
              <Table.Td>{formatDuration(tookSeconds(run))}</Table.Td>
              <Table.Td>{run.message ?? ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/**
 * Backups on the System page: the schedule, Back up now (into the schedule's folder), a download
 * of the whole database (streamed by the browser), and the latest backups of every kind.
 */
export function BackupsSection() {
  const queryClient = useQueryClient();
  const backups = useQuery(backupsQuery);
  const [refusal, setRefusal] = useState<string | null>(null);
  const backUpNow = useMutation({
    mutationFn: startBackup,
    onMutate: () => setRefusal(null),
    onSuccess: (status) => queryClient.setQueryData(backupsQuery.queryKey, status),
    onError: (error) => setRefusal(describeError(error)),
  });
  const running = backups.data?.runningSince ?? null;

  return (
    <Stack gap="sm" component="section" aria-labelledby="backups-title">
      <Title order={2} size="h3" id="backups-title">
        Backups
      </Title>
      {backups.isPending && <LoadingState />}
      {backups.isError && <LoadFailure error={backups.error} onRetry={() => void backups.refetch()} />}
      {backups.data && (
        <>
          <Text size="sm">{scheduleText(backups.data)}</Text>
          <Text size="sm" c="dimmed">
            A backup is one consistent file of the whole database, taken while people work. Secrets in it stay encrypted
            with the key (id shown above), which is not in the file: keep the key too. Restore with{' '}
            <Code>java -jar testbridge.jar restore --from FILE</Code> (see docs/deploy.md).
          </Text>
          <Group gap="sm">
            <Button onClick={() => backUpNow.mutate()} loading={backUpNow.isPending} disabled={running !== null}>
              Back up now
            </Button>
            <Button component="a" href={BACKUP_DOWNLOAD_URL} download variant="default" leftSection={<DownloadIcon size={16} />}>
              Download a backup
            </Button>
          </Group>
          {running && (
            <Group gap="xs" role="status">
              <Loader size="xs" />
              <Text size="sm">Backing up since {formatDateTime(running)}…</Text>
            </Group>
          )}
          {refusal && (
            <Alert color="red" title="Could not start a backup" withCloseButton onClose={() => setRefusal(null)}>
              {refusal}
            </Alert>
          )}
          <LatestBackups runs={backups.data.latest} />
        </>
      )}
    </Stack>
  );
}
