import { Alert, Anchor, Button, Code, FileInput, Group, List, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { Modal } from '../../components/dialogs';
import { describeError } from '../../lib/forms/showApiError';
import { API_TOKENS_PATH } from '../api-tokens';
import { formatTestDuration } from '../../lib/format';
import { cycleKey, cyclesKey, importResults, type Cycle, type ResultImport } from './api';
import { TREND } from './automation';
import { cyclePath } from './paths';

const REPORT_TYPES = '.xml,.json,application/xml,text/xml,application/json';

interface ImportResultsModalProps {
  projectId: number;
  /** The cycle the results go to; without one they make a new cycle. */
  cycle?: Cycle;
  onClose: () => void;
}

/**
 * Results from a test tool (JUnit or TestNG XML, Cucumber JSON) uploaded by hand, as CI uploads
 * them with a token: each test becomes or matches an automated case, its result a new attempt.
 * Shows what was imported, and how CI does the same.
 */
export function ImportResultsModal({ projectId, cycle, onClose }: ImportResultsModalProps) {
  const queryClient = useQueryClient();
  const [files, setFiles] = useState<File[]>([]);
  const [name, setName] = useState('');
  const [build, setBuild] = useState(cycle?.build ?? '');
  const [environment, setEnvironment] = useState(cycle?.environment ?? '');
  const [missing, setMissing] = useState<{ files?: string; name?: string }>({});

  const upload = useMutation({
    mutationFn: () => importResults(projectId, files, { cycle: cycle ? { id: cycle.id } : { name: name.trim() }, build: build.trim(), environment: environment.trim() }),
    onSuccess: (imported) => {
      void queryClient.invalidateQueries({ queryKey: cyclesKey(projectId) });
      void queryClient.invalidateQueries({ queryKey: cycleKey(imported.cycle.id) });
    },
  });

  const submit = () => {
    const problems = {
      ...(files.length === 0 ? { files: 'Choose one or more report files' } : {}),
      ...(!cycle && name.trim() === '' ? { name: 'Name the new cycle' } : {}),
    };
    setMissing(problems);
    if (Object.keys(problems).length === 0) upload.mutate();
  };

  return (
    <Modal opened onClose={onClose} title={cycle ? `Import results into ${cycle.name}` : 'Import automation results'} size="lg">
      {upload.data ? (
        <Imported imported={upload.data} projectId={projectId} onClose={onClose} />
      ) : (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <Stack>
            <FileInput
              label="Report files"
              description="JUnit XML (Maven Surefire, Gradle, pytest, Jest), TestNG XML or Cucumber JSON; several at once"
              placeholder="Choose files"
              multiple
              accept={REPORT_TYPES}
              value={files}
              onChange={(chosen) => {
                setFiles(chosen);
                setMissing((current) => ({ ...current, files: undefined }));
              }}
              error={missing.files}
              required
              clearable
              clearButtonProps={{ 'aria-label': 'Clear the chosen files' }}
            />
            {!cycle && (
              <TextInput
                label="New cycle"
                placeholder="Nightly build 1.4.2"
                value={name}
                onChange={(event) => {
                  setName(event.currentTarget.value);
                  setMissing((current) => ({ ...current, name: undefined }));
                }}
                error={missing.name}
                required
                maxLength={200}
              />
            )}
            <Group grow align="flex-start">
              <TextInput label="Build" value={build} onChange={(event) => setBuild(event.currentTarget.value)} maxLength={200} />
              <TextInput label="Environment" value={environment} onChange={(event) => setEnvironment(event.currentTarget.value)} maxLength={200} />
            </Group>
            {upload.isError && (
              <Alert color="red" role="alert" title="Nothing was imported">
                {describeError(upload.error)}
              </Alert>
            )}
            <Text size="sm" c="dimmed">
              From CI, send the same files with a{' '}
              <Anchor component={Link} to={API_TOKENS_PATH} size="sm" underline="always">
                personal API token
              </Anchor>{' '}
              (scope results:write); docs/automation.md has recipes for GitHub Actions, GitLab CI, Maven and Gradle.
            </Text>
            <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {`curl -fsS -H "Authorization: Bearer $TESTBRIDGE_TOKEN" \\
  -H "Idempotency-Key: $CI_JOB_ID" \\
  -F files=@target/surefire-reports/TEST-MyTest.xml \\
  "${window.location.origin}/api/projects/${projectId}/results?${cycle ? `cycleId=${cycle.id}` : 'cycleName=Nightly'}&build=$BUILD"`}
            </Code>
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" loading={upload.isPending}>
                Import
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

function Imported({ imported, projectId, onClose }: { imported: ResultImport; projectId: number; onClose: () => void }) {
  const counts = (values: Record<string, number>, labels?: Record<string, string>) =>
    Object.entries(values)
      .filter(([, count]) => count > 0)
      .map(([key, count]) => `${count} ${labels?.[key] ?? key.toLowerCase().replace('_', ' ')}`)
      .join(', ');
  const trends = counts(imported.trends, Object.fromEntries(Object.entries(TREND).map(([key, trend]) => [key, trend.label.toLowerCase()])));
  return (
    <Stack>
      <Alert color="green" role="status" title={`Imported ${imported.tests} ${imported.tests === 1 ? 'test' : 'tests'} into ${imported.cycle.name}`}>
        <List size="sm" spacing={2}>
          <List.Item>Results: {counts(imported.outcomes) || 'none'}</List.Item>
          {trends && <List.Item>Against the previous run: {trends}</List.Item>}
          {imported.newCases > 0 && (
            <List.Item>
              {imported.newCases} new automated {imported.newCases === 1 ? 'case' : 'cases'} in the repository
            </List.Item>
          )}
          {imported.knownDefectsCarried > 0 && (
            <List.Item>
              {imported.knownDefectsCarried} known {imported.knownDefectsCarried === 1 ? 'defect' : 'defects'} still open on tests that still fail
            </List.Item>
          )}
          <List.Item>
            From {imported.files.map((file) => `${file.name} (${file.format}, ${file.tests})`).join(', ')}; the tests took {formatTestDuration(imported.durationMs)}
          </List.Item>
        </List>
      </Alert>
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          Close
        </Button>
        <Button component={Link} to={cyclePath(projectId, imported.cycle.id)} onClick={onClose}>
          Open {imported.cycle.name}
        </Button>
      </Group>
    </Stack>
  );
}
