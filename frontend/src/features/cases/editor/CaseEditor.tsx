import { Anchor, Badge, Grid, Group, Stack, Tabs, Textarea, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { usePageTitle } from '../../../lib/pageTitle';
import { foldersQuery } from '../api/folders';
import { peopleQuery } from '../api/people';
import type { TestCase } from '../api/types';
import { CaseHistory } from '../history/CaseHistory';
import { useLabelSuggestions } from '../labels';
import { useJustCreated, useListPath } from '../listLocation';
import { ArchivedNotice } from './ArchivedNotice';
import { CaseFacts } from './CaseFacts';
import { CaseFieldsPanel } from './CaseFieldsPanel';
import { ConflictBanner } from './ConflictBanner';
import { LeaveGuard } from './LeaveGuard';
import { SaveStatusText } from './SaveStatusText';
import { StepsTable } from './StepsTable';
import { useCaseAutosave } from './useCaseAutosave';

/**
 * One opening of the editor of a case: everything typed is saved by itself once typing pauses.
 * `testCase` is the case as the server last answered (version, suites, archived); the content
 * edited starts from the first one and then is the editor's own.
 */
export function CaseEditor({ testCase, canModify }: { testCase: TestCase; canModify: boolean }) {
  const { content, status, autosaver } = useCaseAutosave(testCase);
  const folders = useQuery(foldersQuery(testCase.projectId));
  const people = useQuery(peopleQuery);
  const labelSuggestions = useLabelSuggestions(testCase.projectId);
  const readOnly = !canModify || testCase.archived;
  const listPath = useListPath(testCase.projectId);
  const { edit } = autosaver;
  usePageTitle(`${testCase.key} ${content.title}`);
  // A case just made from its title ("Create and edit") goes on in the next field, the precondition
  // (after the layout put focus at the start of the page).
  const precondition = useRef<HTMLTextAreaElement>(null);
  const justCreated = useJustCreated();
  useEffect(() => {
    if (justCreated && !readOnly) precondition.current?.focus();
  }, [justCreated, readOnly]);

  return (
    <Stack gap="md">
      <Anchor component={Link} to={listPath} size="sm">
        ← Test cases
      </Anchor>
      <Group justify="space-between" wrap="wrap">
        <Group gap="xs">
          <Title order={2}>{testCase.key}</Title>
          <Badge variant="light" color="gray" radius="sm">
            Version {testCase.version}
          </Badge>
        </Group>
        {!readOnly && <SaveStatusText status={status} onRetryNow={autosaver.saveNow} />}
      </Group>
      {status.kind === 'conflict' && (
        <ConflictBanner theirs={status.theirs} mine={content} onKeepMine={() => autosaver.keepMine()} onTakeTheirs={() => autosaver.takeTheirs()} />
      )}
      {testCase.archived && <ArchivedNotice testCase={testCase} canRestore={canModify} />}
      <TextInput
        label="Title"
        size="md"
        value={content.title}
        onChange={(event) => edit({ title: event.currentTarget.value })}
        readOnly={readOnly}
        maxLength={255}
        error={!readOnly && !content.title.trim() ? 'Give the case a title' : undefined}
      />
      {/* Not kept mounted: the history asks for its versions when it is opened. */}
      <Tabs defaultValue="case" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="case">Case</Tabs.Tab>
          <Tabs.Tab value="history">History</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="case" pt="md">
          <Grid gutter="lg">
            <Grid.Col span={{ base: 12, lg: 9 }}>
              <Stack gap="md">
                <Textarea
                  ref={precondition}
                  label="Precondition"
                  value={content.precondition}
                  onChange={(event) => edit({ precondition: event.currentTarget.value })}
                  readOnly={readOnly}
                  autosize
                  minRows={2}
                  maxRows={10}
                />
                <Stack gap="xs" component="section" aria-labelledby="steps-heading">
                  <Title order={3} size="h4" id="steps-heading">
                    Steps
                  </Title>
                  <StepsTable steps={content.steps} onChange={(steps) => edit({ steps })} readOnly={readOnly} />
                </Stack>
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 3 }}>
              <Stack gap="lg">
                <CaseFieldsPanel
                  content={content}
                  onChange={edit}
                  readOnly={readOnly}
                  folders={folders.data ?? []}
                  people={people.data ?? []}
                  owner={testCase.owner}
                  labelSuggestions={labelSuggestions}
                />
                <CaseFacts testCase={testCase} />
              </Stack>
            </Grid.Col>
          </Grid>
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          <CaseHistory caseId={testCase.id} projectId={testCase.projectId} />
        </Tabs.Panel>
      </Tabs>
      <LeaveGuard status={status} onSaveNow={autosaver.saveNow} />
    </Stack>
  );
}
