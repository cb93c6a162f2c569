import { Autocomplete, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Modal } from '../../components/dialogs';
import { showApiError } from '../../lib/forms/showApiError';
import { DEPLOYMENT_LABELS } from '../../lib/jiraInstance';
import { jiraProjectsQuery } from '../jira-auth';
import { createProject, oauthInstancesQuery, projectsQuery, updateProject, type Project } from './api';

interface ProjectFormValues {
  key: string;
  name: string;
  defaultInstanceId: string | null;
  defaultJiraProject: string;
}

export function validateProjectKey(value: string): string | null {
  if (!value) return 'Enter a key';
  return /^[A-Za-z][A-Za-z0-9]{1,9}$/.test(value) ? null : 'Use 2 to 10 letters and digits, starting with a letter';
}

function initialValues(project: Project | undefined): ProjectFormValues {
  return {
    key: project?.key ?? '',
    name: project?.name ?? '',
    defaultInstanceId: project?.defaultInstanceId ? String(project.defaultInstanceId) : null,
    defaultJiraProject: project?.defaultJiraProject ?? '',
  };
}

/** Add a project, or (with `project`) rename it and change its Jira defaults; the key stays. */
export function ProjectFormModal({ project, onClose }: { project?: Project; onClose: () => void }) {
  const queryClient = useQueryClient();
  const instances = useQuery(oauthInstancesQuery);
  const form = useForm<ProjectFormValues>({
    initialValues: initialValues(project),
    validate: {
      key: (value) => (project ? null : validateProjectKey(value)),
      name: (value) => (value.trim() ? null : 'Enter a name'),
    },
  });
  const instanceId = form.values.defaultInstanceId ? Number(form.values.defaultInstanceId) : undefined;
  // Read from Jira as the administrator: it may ask them to authenticate with the instance first.
  const jiraProjects = useQuery({ ...jiraProjectsQuery(instanceId ?? 0), enabled: instanceId !== undefined });

  const save = useMutation({
    mutationFn: (values: ProjectFormValues) => {
      const defaults = {
        defaultInstanceId: values.defaultInstanceId ? Number(values.defaultInstanceId) : null,
        defaultJiraProject: values.defaultInstanceId && values.defaultJiraProject.trim() ? values.defaultJiraProject.trim() : null,
      };
      return project
        ? updateProject(project.id, { name: values.name.trim(), ...defaults })
        : createProject({ key: values.key, name: values.name.trim(), ...defaults });
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: projectsQuery.queryKey });
      notifications.show({ color: 'green', message: project ? `Saved ${saved.key}.` : `Added the project ${saved.name} (${saved.key}).` });
      onClose();
    },
    onError: (error) => showApiError(error, project ? 'Could not save the project' : 'Could not add the project', form),
  });

  const instanceChoices = (instances.data ?? []).map((instance) => ({
    value: String(instance.id),
    label: `${instance.name} (${DEPLOYMENT_LABELS[instance.deployment]})`,
  }));
  const projectNames = new Map((jiraProjects.data ?? []).map((candidate) => [candidate.key ?? '', candidate.name ?? '']));
  const instanceHelp = instances.isError
    ? 'Could not read the Jira instances.'
    : instances.data?.length === 0
      ? 'No Jira instance has OAuth enabled yet: connect one under Integrations first.'
      : 'Issues and links of this project use it unless the tester picks another. Only instances with OAuth enabled are listed.';

  return (
    <Modal opened onClose={onClose} title={project ? `Edit ${project.key}` : 'Add project'}>
      <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
        <Stack>
          {project ? (
            <Text size="sm">
              Key: <strong>{project.key}</strong>
            </Text>
          ) : (
            <TextInput
              label="Key"
              description="2 to 10 letters and digits, e.g. SHOP"
              autoComplete="off"
              withAsterisk
              data-autofocus
              {...form.getInputProps('key')}
              onChange={(event) => form.setFieldValue('key', event.currentTarget.value.toUpperCase())}
            />
          )}
          <TextInput label="Name" autoComplete="off" withAsterisk data-autofocus={project ? true : undefined} {...form.getInputProps('name')} />
          <Select
            label="Default Jira instance"
            description={instanceHelp}
            placeholder={instances.isPending ? 'Loading…' : 'None'}
            data={instanceChoices}
            clearable
            {...form.getInputProps('defaultInstanceId')}
            onChange={(value) => {
              form.setFieldValue('defaultInstanceId', value);
              form.setFieldValue('defaultJiraProject', '');
            }}
          />
          <Autocomplete
            label="Default Jira project"
            description={
              jiraProjects.isError
                ? 'Could not read the Jira projects; type the project key.'
                : 'The key of the Jira project that new issues go to, e.g. TB'
            }
            placeholder={instanceId === undefined ? 'Choose an instance first' : jiraProjects.isPending ? 'Loading…' : 'Project key'}
            disabled={instanceId === undefined}
            data={(jiraProjects.data ?? []).map((candidate) => candidate.key ?? '').filter(Boolean)}
            renderOption={({ option }) => (
              <Text size="sm">
                <strong>{option.value}</strong> {projectNames.get(option.value)}
              </Text>
            )}
            {...form.getInputProps('defaultJiraProject')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {project ? 'Save' : 'Add project'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
