import { Button, Group, Input, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Modal } from '../../components/dialogs';
import { showApiError } from '../../lib/forms/showApiError';
import { DEPLOYMENT_LABELS, integrationsKey, type Deployment, type JiraInstance } from '../../lib/jiraInstance';
import { createInstance, updateInstance, type InstanceChanges, type InstanceDraft } from './api';
import { statusLabel } from './InstanceStatusBadge';

const URL_HINTS: Record<Deployment, string> = {
  CLOUD: 'The site address, e.g. https://your-company.atlassian.net',
  DATA_CENTER: 'The base URL of Jira, with its context path if any, e.g. https://jira.example.com/jira',
};

function validateBaseUrl(value: string): string | null {
  const trimmed = value.trim();
  if (!trimmed) return 'Enter the base URL';
  try {
    const url = new URL(trimmed);
    return url.protocol === 'http:' || url.protocol === 'https:' ? null : 'Use an http:// or https:// address';
  } catch {
    return 'Enter a full address, starting with https://';
  }
}

/** Only what changed: the server re-identifies the instance when the URL or type changes. */
function changesOf(instance: JiraInstance, values: InstanceDraft): InstanceChanges {
  const changes: InstanceChanges = {};
  if (values.name.trim() !== instance.name) changes.name = values.name.trim();
  if (values.baseUrl.trim() !== instance.baseUrl) changes.baseUrl = values.baseUrl.trim();
  if (values.deployment !== instance.deployment) changes.deployment = values.deployment;
  return changes;
}

/** Adds a Jira instance, or edits `instance`; rendered only while open. The server checks it at once. */
export function InstanceFormModal({ instance, onClose }: { instance?: JiraInstance; onClose: () => void }) {
  const queryClient = useQueryClient();
  const form = useForm<InstanceDraft>({
    initialValues: {
      name: instance?.name ?? '',
      baseUrl: instance?.baseUrl ?? '',
      deployment: instance?.deployment ?? 'CLOUD',
    },
    validate: {
      name: (value) => (value.trim() ? null : 'Enter a display name'),
      baseUrl: validateBaseUrl,
    },
  });

  const save = useMutation({
    mutationFn: async (values: InstanceDraft) => {
      if (!instance) return createInstance({ ...values, name: values.name.trim(), baseUrl: values.baseUrl.trim() });
      const changes = changesOf(instance, values);
      return Object.keys(changes).length === 0 ? instance : updateInstance(instance.id, changes);
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: integrationsKey });
      if (saved.status === 'UNREACHABLE') {
        notifications.show({
          color: 'yellow',
          title: `Saved ${saved.name}, but Jira did not answer`,
          message: saved.statusReason ?? 'Check the URL, then use “Check now”.',
          autoClose: 10_000,
        });
      } else {
        notifications.show({ color: 'green', message: `Saved ${saved.name}: ${statusLabel(saved.status).toLowerCase()}.` });
      }
      onClose();
    },
    onError: (error) => showApiError(error, 'Could not save the Jira instance', form),
  });

  return (
    <Modal opened onClose={onClose} title={instance ? `Edit ${instance.name}` : 'Add Jira instance'} size="lg">
      <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
        <Stack>
          <TextInput label="Display name" withAsterisk data-autofocus maxLength={100} {...form.getInputProps('name')} />
          <Input.Wrapper label="Type" labelElement="div" withAsterisk id="instance-type" error={form.errors.deployment}>
            <SegmentedControl
              fullWidth
              mt={4}
              aria-labelledby="instance-type-label"
              data={(Object.keys(DEPLOYMENT_LABELS) as Deployment[]).map((value) => ({
                value,
                label: DEPLOYMENT_LABELS[value],
              }))}
              value={form.values.deployment}
              onChange={(value) => form.setFieldValue('deployment', value as Deployment)}
            />
          </Input.Wrapper>
          <TextInput
            label="Base URL"
            type="url"
            withAsterisk
            autoComplete="off"
            spellCheck={false}
            description={URL_HINTS[form.values.deployment]}
            {...form.getInputProps('baseUrl')}
          />
          <Text size="sm" c="dimmed">
            Testbridge checks at once that the instance answers and identifies it
            {form.values.deployment === 'CLOUD' ? ' (its cloud id).' : ' (its version; OAuth 2.0 needs Jira 8.22 or later).'}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {instance ? 'Save' : 'Add instance'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
