import { Alert, Button, FileInput, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../../../api/ApiError';
import { Modal } from '../../../components/dialogs';
import { DownloadIcon } from '../../../components/icons';
import { describeError } from '../../../lib/forms/showApiError';
import { importCases, MAX_IMPORT_BYTES, TEMPLATE_URL } from '../api/csv';
import { useRefreshRepository } from '../api/refresh';
import type { ImportProblem, ImportReport } from '../api/types';
import { countOf } from '../caseFields';

/** "N rows → M new cases, K updated, S steps". */
export function describeImport(report: ImportReport): string {
  return `${countOf(report.rows, 'row')} → ${countOf(report.newCases, 'new case')}, ${report.updatedCases} updated, ${countOf(report.steps, 'step')}`;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The problems of a refused import, if the server named them. */
function problemsOf(error: unknown): ImportProblem[] | null {
  const problems = error instanceof ApiError ? error.details.problems : undefined;
  return Array.isArray(problems) ? (problems as ImportProblem[]) : null;
}

/**
 * Import CSV: the file is checked first (a dry run that names every problem by row and column),
 * and imported, all or nothing, only when it has none.
 */
export function ImportCasesDialog({ projectId, onClose }: { projectId: number; onClose: () => void }) {
  const refresh = useRefreshRepository(projectId);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [text, setText] = useState<string | null>(null);

  const check = useMutation({ mutationFn: (csv: string) => importCases(projectId, csv, true) });
  const run = useMutation({
    mutationFn: (csv: string) => importCases(projectId, csv, false),
    onSuccess: (report) => {
      void refresh();
      notifications.show({ color: 'green', message: `Imported: ${describeImport(report)}.` });
      onClose();
    },
  });

  const choose = async (chosen: File | null) => {
    setFile(chosen);
    setText(null);
    setFileError(null);
    check.reset();
    run.reset();
    if (!chosen) return;
    if (chosen.size > MAX_IMPORT_BYTES) {
      setFileError(`This file is ${megabytes(chosen.size)}; import at most ${megabytes(MAX_IMPORT_BYTES)} at a time (split it into several files).`);
      return;
    }
    const csv = await chosen.text();
    setText(csv);
    check.mutate(csv);
  };

  const report = check.data;
  const problems = report?.problems.length ? report.problems : problemsOf(run.error);
  const ready = text !== null && report !== undefined && report.problems.length === 0;

  return (
    <Modal opened onClose={onClose} title="Import test cases from CSV" size="xl">
      <Stack>
        <Text size="sm">
          One row per step, a case’s fields on its first row; an empty Key adds a case, an existing key updates it.{' '}
          <Button component="a" href={TEMPLATE_URL} download variant="subtle" size="compact-sm" leftSection={<DownloadIcon size={14} />}>
            Download template
          </Button>
        </Text>
        <FileInput
          label="CSV file"
          placeholder="Choose a .csv file"
          accept=".csv,text/csv"
          value={file}
          onChange={(chosen) => void choose(chosen)}
          error={fileError}
          clearable
          clearButtonProps={{ 'aria-label': 'Clear the file' }}
          data-autofocus
        />
        {check.isPending && (
          <Group gap="xs" role="status">
            <Loader size="xs" />
            <Text size="sm">Checking the file…</Text>
          </Group>
        )}
        {check.isError && (
          <Alert color="red" title="Could not check the file">
            {describeError(check.error)}
          </Alert>
        )}
        {report && report.problems.length === 0 && (
          <Alert color="green" title="Ready to import">
            {describeImport(report)}
          </Alert>
        )}
        {problems && problems.length > 0 && <ImportProblems problems={problems} />}
        {run.isError && !problemsOf(run.error) && (
          <Alert color="red" title="Nothing was imported">
            {describeError(run.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => text !== null && run.mutate(text)} disabled={!ready} loading={run.isPending}>
            {report && ready ? `Import ${countOf(report.newCases + report.updatedCases, 'case')}` : 'Import'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function ImportProblems({ problems }: { problems: ImportProblem[] }) {
  return (
    <Stack gap="xs">
      <Alert color="red" title={problems.length === 1 ? 'The file has a problem' : `The file has ${problems.length} problems`}>
        Nothing is imported until they are fixed: correct the file and choose it again.
      </Alert>
      <Table.ScrollContainer minWidth={480} mah={320}>
        <Table aria-label="Problems" striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={70}>Row</Table.Th>
              <Table.Th w={140}>Column</Table.Th>
              <Table.Th>Problem</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {problems.map((problem, index) => (
              <Table.Tr key={index}>
                <Table.Td>{problem.row}</Table.Td>
                <Table.Td>{problem.column ?? '—'}</Table.Td>
                <Table.Td>{problem.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
