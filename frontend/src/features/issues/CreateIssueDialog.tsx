import { Alert, Anchor, Button, Center, Group, Loader, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { isApiError, isJiraAuthRequired } from '../../api/ApiError';
import { Modal } from '../../components/dialogs';
import { describeError, showApiError } from '../../lib/forms/showApiError';
import { jiraProjectsQuery, myJiraConnectionsQuery } from '../jira-auth';
import type { Project } from '../projects';
import {
  createIssue,
  issuesQuery,
  jiraFieldsQuery,
  jiraIssueTypesQuery,
  submitIssue,
  updateIssueDraft,
  type Issue,
  type JiraField,
} from './api';
import { defaultIssueType, hintedFieldValues, rememberIssueType, type FieldHints } from './CreateIssueDialog.defaults';
import { RetryCountdown, retryAfterSeconds } from '../../components/RetryCountdown';
import { DraftFailureAlert } from './DraftFailureAlert';
import {
  SUMMARY_MAX,
  dialogFields,
  errorsOfDraft,
  projectChoices,
  validateIssue,
  valuesOfDraft,
  valuesOfProject,
  type IssueFormValues,
} from './issueForm';
import { JiraFieldInput } from './JiraFieldInput';
import { fieldKind, fieldPath, isBlank, mustFill, requestFields, storedFieldErrors, storedFieldValues } from './jiraFields';
import { NeedsJiraAccount } from './NeedsJiraAccount';

export interface CreateIssueDialogProps {
  project: Project;
  /** A kept draft (failed or of unknown outcome) to fix and retry; without it, a new issue. */
  draft?: Issue;
  /** A new issue's summary and description to start from (say, a defect written from a failed step). */
  initialValues?: Partial<Pick<IssueFormValues, 'summary' | 'description'>>;
  /**
   * Values for a new issue's empty text fields named like a build or version ("Found in build") or
   * an environment (Jira's Environment field): say, those of the test cycle a defect comes from.
   */
  fieldHints?: FieldHints;
  /** The dialog's title; "Create Jira issue" by default. */
  title?: string;
  /** More inputs of the caller's, shown above the buttons. */
  extra?: ReactNode;
  /** Called once the issue is in Jira, before the dialog closes. */
  onCreated?: (issue: Issue) => void;
  onClose: () => void;
}

/**
 * "Create Jira issue": instance, Jira project, issue type, summary, description and the fields Jira
 * requires for that type. A new issue starts as a Bug when the Jira project has that type, else as
 * the type last used there (in this browser). Whatever Jira answers, the draft is kept; when Jira
 * refuses it, the dialog stays open with Jira's errors beside their fields, focus on the first of
 * them, and Retry sends the same draft again.
 */
export function CreateIssueDialog({
  project,
  draft: retried,
  initialValues,
  fieldHints,
  title = 'Create Jira issue',
  extra,
  onCreated,
  onClose,
}: CreateIssueDialogProps) {
  const queryClient = useQueryClient();
  // The draft being fixed: the one to retry, or the one a failed Create left behind.
  const [draft, setDraft] = useState<Issue | undefined>(retried);
  const [moreFields, setMoreFields] = useState<boolean | null>(null);
  const connections = useQuery(myJiraConnectionsQuery);
  const formElement = useRef<HTMLFormElement>(null);
  // Bumped when errors come back (from the checks, the server or Jira): focus goes to the first invalid field.
  const [invalidShown, setInvalidShown] = useState(0);
  useEffect(() => {
    if (invalidShown > 0) formElement.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [invalidShown]);

  const form = useForm<IssueFormValues>({
    initialValues: retried ? valuesOfDraft(retried) : { ...valuesOfProject(project), ...initialValues },
    initialErrors: errorsOfDraft(retried),
    validate: (values: IssueFormValues): Record<string, string> => validateIssue(values, meta),
  });
  const { instanceId: instanceValue, jiraProject, issueTypeId } = form.values;
  const instanceId = instanceValue ? Number(instanceValue) : undefined;

  // Jira's create metadata, read as the tester: the first read may open "Authenticate with Jira".
  const jiraProjects = useQuery({ ...jiraProjectsQuery(instanceId ?? 0), enabled: instanceId !== undefined && !draft });
  const issueTypes = useQuery({
    ...jiraIssueTypesQuery(instanceId ?? 0, jiraProject ?? ''),
    enabled: instanceId !== undefined && !!jiraProject,
  });
  const fieldsMeta = useQuery({
    ...jiraFieldsQuery(instanceId ?? 0, jiraProject ?? '', issueTypeId ?? ''),
    enabled: instanceId !== undefined && !!jiraProject && !!issueTypeId,
  });
  const meta = fieldsMeta.data ?? [];
  const required = dialogFields(meta).filter(mustFill);
  const optional = dialogFields(meta).filter((field) => !mustFill(field) && fieldKind(field) !== 'unsupported');

  // With a single instance to choose from, there is nothing to choose.
  const onlyInstance = connections.data?.length === 1 ? String(connections.data[0]?.instanceId) : null;
  const { setFieldValue, getValues } = form;
  useEffect(() => {
    if (onlyInstance && !instanceValue && !draft) setFieldValue('instanceId', onlyInstance);
  }, [onlyInstance, instanceValue, draft, setFieldValue]);

  // A new issue's type: Bug if the project has one, else the one last used there.
  useEffect(() => {
    if (draft || issueTypeId || instanceId === undefined || !jiraProject || !issueTypes.data) return;
    const type = defaultIssueType(issueTypes.data, instanceId, jiraProject);
    if (type) setFieldValue('issueTypeId', type);
  }, [draft, issueTypeId, instanceId, jiraProject, issueTypes.data, setFieldValue]);

  // The caller's hints go into the empty text fields they fit, once per issue type (what is typed stays).
  const hinted = useRef<string | null>(null);
  useEffect(() => {
    const typeKey = `${instanceId}:${jiraProject}:${issueTypeId}`;
    if (draft || !fieldHints || !fieldsMeta.data || hinted.current === typeKey) return;
    hinted.current = typeKey;
    for (const [fieldId, value] of Object.entries(hintedFieldValues(fieldsMeta.data, getValues().fields, fieldHints))) {
      setFieldValue(`fields.${fieldId}`, value);
    }
  }, [draft, fieldHints, fieldsMeta.data, instanceId, jiraProject, issueTypeId, getValues, setFieldValue]);

  // A Retry answered "Jira may still be creating this issue" (409 with Retry-After): counted down and sent again.
  const [stillCreating, setStillCreating] = useState<unknown>(null);
  const save = useMutation({
    onMutate: () => setStillCreating(null),
    mutationFn: async (values: IssueFormValues): Promise<Issue> => {
      const summary = values.summary.trim();
      const fields = requestFields(meta, values.fields);
      if (!draft) {
        if (values.instanceId && values.jiraProject && values.issueTypeId) {
          rememberIssueType(Number(values.instanceId), values.jiraProject, values.issueTypeId);
        }
        return createIssue(project.id, {
          instanceId: Number(values.instanceId),
          jiraProject: values.jiraProject ?? '',
          issueTypeId: values.issueTypeId ?? '',
          issueTypeName: issueTypes.data?.find((type) => type.id === values.issueTypeId)?.name,
          summary,
          ...(values.description ? { description: values.description } : {}),
          fields,
        });
      }
      const changes = { summary, description: values.description, fields };
      const unchanged =
        summary === draft.summary &&
        values.description === (draft.description ?? '') &&
        JSON.stringify(fields) === JSON.stringify(storedFieldValues(draft.fields));
      if (!unchanged) await updateIssueDraft(draft.id, changes);
      return submitIssue(draft.id);
    },
    onSuccess: (issue) => {
      void queryClient.invalidateQueries({ queryKey: issuesQuery(project.id).queryKey });
      if (issue.state === 'CREATED') {
        notifications.show({
          color: 'green',
          title: `Created ${issue.jiraKey ?? 'the issue'} in Jira`,
          message: issue.summary,
        });
        onCreated?.(issue);
        onClose();
        return;
      }
      setDraft(issue);
      form.setErrors(errorsOfDraft(issue));
      const optionalIds = new Set(optional.map((field) => field.fieldId));
      if (Object.keys(storedFieldErrors(issue.lastError)).some((fieldId) => optionalIds.has(fieldId))) setMoreFields(true);
      setInvalidShown((count) => count + 1);
    },
    onError: (error) => {
      const title = draft ? 'Could not retry the issue' : 'Could not create the issue';
      // Jira may still be creating it: Testbridge looks for it first, so sending again never duplicates it.
      if (isApiError(error, 409) && retryAfterSeconds(error) !== undefined) {
        setStillCreating(error);
        return;
      }
      // The user closed "Authenticate with Jira": nothing to show beside a field.
      if (isJiraAuthRequired(error)) {
        showApiError(error, title);
        return;
      }
      const field = isApiError(error) ? error.field : undefined;
      if (field && (field.startsWith('fields.') || field in form.getValues())) {
        form.setFieldError(field, describeError(error));
        setInvalidShown((count) => count + 1);
        return;
      }
      showApiError(error, title);
    },
  });

  const renderedIds = new Set([...required, ...optional].map((field) => field.fieldId));
  const unplacedErrors = Object.entries(storedFieldErrors(draft?.lastError)).filter(
    ([fieldId]) => fieldId !== 'summary' && fieldId !== 'description' && !renderedIds.has(fieldId),
  );
  const showMore =
    moreFields ??
    optional.some((field) => form.errors[fieldPath(field.fieldId)] !== undefined || !isBlank(form.values.fields[field.fieldId]));
  const instanceName = connections.data?.find((connection) => connection.instanceId === instanceId)?.instanceName;
  const authError = [jiraProjects.error, issueTypes.error, fieldsMeta.error].find(isJiraAuthRequired);
  const readFailure = (error: unknown) => (error && !isJiraAuthRequired(error) ? describeError(error) : undefined);

  const fieldInput = (field: JiraField) => (
    <JiraFieldInput
      key={field.fieldId}
      field={field}
      instanceId={instanceId ?? 0}
      jiraProject={jiraProject ?? ''}
      value={form.values.fields[field.fieldId]}
      onChange={(value) => {
        form.setFieldValue(`fields.${field.fieldId}`, value);
        form.clearFieldError(fieldPath(field.fieldId));
      }}
      error={form.errors[fieldPath(field.fieldId)]}
    />
  );

  return (
    <Modal opened onClose={onClose} title={title} size="lg" closeOnClickOutside={false}>
      <form
        ref={formElement}
        onSubmit={form.onSubmit(
          (values) => save.mutate(values),
          () => setInvalidShown((count) => count + 1),
        )}
        noValidate
      >
        <Stack>
          {stillCreating !== null ? (
            <Alert color="blue" title="Jira may still be creating this issue" data-testid="still-creating">
              <Text size="sm">
                {describeError(stillCreating)}
                <RetryCountdown error={stillCreating} onRetry={() => save.mutate(form.getValues())} />
              </Text>
            </Alert>
          ) : (
            draft?.lastError && <DraftFailureAlert draft={draft} otherErrors={unplacedErrors} />
          )}

          {draft ? (
            <Text size="sm">
              In <strong>{instanceName ?? `Jira instance ${draft.instanceId}`}</strong>, project <strong>{draft.jiraProject}</strong>,
              type <strong>{draft.issueTypeName ?? draft.issueTypeId}</strong>
            </Text>
          ) : (
            <>
              {connections.data?.length === 0 && (
                <Alert color="blue" title="No Jira instance to create issues in">
                  An administrator has to connect a Jira instance with OAuth first.
                </Alert>
              )}
              <Select
                label="Jira instance"
                placeholder={connections.isPending ? 'Loading…' : 'Choose an instance'}
                withAsterisk
                data={(connections.data ?? []).map((connection) => ({
                  value: String(connection.instanceId),
                  label: connection.instanceName,
                }))}
                {...form.getInputProps('instanceId')}
                onChange={(value) => {
                  form.setValues({ instanceId: value, jiraProject: null, issueTypeId: null });
                  form.clearErrors();
                }}
              />
              <Select
                label="Jira project"
                placeholder={instanceId === undefined ? 'Choose an instance first' : jiraProjects.isPending ? 'Loading…' : 'Choose a project'}
                description={
                  readFailure(jiraProjects.error) && (
                    <>
                      Could not read the Jira projects: {readFailure(jiraProjects.error)}
                      <RetryCountdown error={jiraProjects.error} onRetry={() => void jiraProjects.refetch()} />
                    </>
                  )
                }
                withAsterisk
                searchable
                disabled={instanceId === undefined}
                data={projectChoices(jiraProjects.data, jiraProject)}
                {...form.getInputProps('jiraProject')}
                onChange={(value) => form.setValues({ jiraProject: value, issueTypeId: null })}
              />
              <Select
                label="Issue type"
                placeholder={!jiraProject ? 'Choose a project first' : issueTypes.isPending ? 'Loading…' : 'Choose an issue type'}
                description={
                  readFailure(issueTypes.error) && (
                    <>
                      Could not read the issue types: {readFailure(issueTypes.error)}
                      <RetryCountdown error={issueTypes.error} onRetry={() => void issueTypes.refetch()} />
                    </>
                  )
                }
                withAsterisk
                disabled={!jiraProject}
                data={(issueTypes.data ?? []).filter((type) => !type.subtask).map((type) => ({ value: type.id, label: type.name }))}
                allowDeselect={false}
                {...form.getInputProps('issueTypeId')}
              />
            </>
          )}

          <TextInput label="Summary" withAsterisk autoComplete="off" maxLength={SUMMARY_MAX} {...form.getInputProps('summary')} />
          <Textarea label="Description" autosize minRows={3} maxRows={12} {...form.getInputProps('description')} />

          {issueTypeId && fieldsMeta.isPending && instanceId !== undefined && (
            <Center py="sm">
              <Loader size="sm" role="status" aria-label="Loading the fields Jira requires" />
            </Center>
          )}
          {authError && instanceId !== undefined && (
            <NeedsJiraAccount
              error={authError}
              instanceId={instanceId}
              actionLabel="Authenticate and go on"
              onAuthenticated={() => void queryClient.refetchQueries({ queryKey: ['jira', instanceId], type: 'active' })}
            />
          )}
          {fieldsMeta.isError && !isJiraAuthRequired(fieldsMeta.error) && (
            <Alert color="red" role="alert" title="Could not read the fields of this issue type">
              <Stack gap="xs" align="flex-start">
                <Text size="sm">
                  {describeError(fieldsMeta.error)}
                  <RetryCountdown error={fieldsMeta.error} onRetry={() => void fieldsMeta.refetch()} />
                </Text>
                <Button size="xs" variant="light" color="red" onClick={() => void fieldsMeta.refetch()}>
                  Try again
                </Button>
              </Stack>
            </Alert>
          )}
          {required.map(fieldInput)}
          {optional.length > 0 && (
            <>
              <Anchor
                component="button"
                type="button"
                size="sm"
                onClick={() => setMoreFields(!showMore)}
                aria-expanded={showMore}
                style={{ alignSelf: 'flex-start' }}
              >
                {showMore ? 'Fewer fields' : `More fields (${optional.length})`}
              </Anchor>
              {showMore && optional.map(fieldInput)}
            </>
          )}

          {extra}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {draft ? 'Close' : 'Cancel'}
            </Button>
            <Button type="submit" loading={save.isPending} disabled={!!issueTypeId && !fieldsMeta.data}>
              {draft ? 'Retry' : 'Create'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
