import { Alert, Button, Checkbox, CopyButton, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Modal } from '../../components/dialogs';
import { CheckIcon, CopyIcon } from '../../components/icons';
import { formatDateTime } from '../../lib/format';
import { showApiError } from '../../lib/forms/showApiError';
import { apiTokensKey, createApiToken, type ApiTokenScope, type CreatedApiToken } from './api';
import { choosableDays, EXPIRY_DAYS, expiresAtEndOf, expiresInDays } from './expiry';

interface TokenForm {
  name: string;
  scopes: ApiTokenScope[];
  /** A number of days, or "date" for the chosen day. */
  expiry: string;
  day: string;
}

const SCOPES: { value: ApiTokenScope; label: string; description: string }[] = [
  { value: 'read', label: 'read', description: 'Read what you can see: projects’ cases, suites, cycles and results.' },
  {
    value: 'results:write',
    label: 'results:write',
    description: 'Import automation results into cycles: record results and create the automated test cases they need.',
  },
];

/**
 * Creates a token, then shows its secret once, with a copy button: closing forgets it, and the
 * server never returns it again.
 */
export function CreateTokenModal({ onClose }: { onClose: () => void }) {
  const queryClient = useQueryClient();
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [now] = useState(() => new Date());
  const days = choosableDays(now);
  const form = useForm<TokenForm>({
    initialValues: { name: '', scopes: ['results:write'], expiry: '90', day: '' },
    validate: {
      name: (value) => (value.trim() ? null : 'Name the token, e.g. after the pipeline that uses it'),
      scopes: (value) => (value.length > 0 ? null : 'Choose at least one scope'),
      day: (value, values) =>
        values.expiry !== 'date' || expiresAtEndOf(value, new Date()) ? null : `Choose a day from ${days.min} to ${days.max}`,
    },
  });

  const create = useMutation({
    mutationFn: (values: TokenForm) =>
      createApiToken({
        name: values.name.trim(),
        scopes: values.scopes,
        expiresAt:
          values.expiry === 'date'
            ? (expiresAtEndOf(values.day, new Date()) ?? '')
            : expiresInDays(new Date(), Number(values.expiry)),
      }),
    onSuccess: (answer) => {
      void queryClient.invalidateQueries({ queryKey: apiTokensKey });
      setCreated(answer);
    },
    onError: (error) => showApiError(error, 'Could not create the token', form),
  });

  if (created) {
    return (
      <Modal opened onClose={onClose} title="Your new API token">
        <Stack>
          <Alert color="yellow" title="Copy it now">
            This is the only time Testbridge shows this token. Store it as a secret of your CI (never in the repository).
          </Alert>
          <TextInput label={`Token “${created.token.name}”`} value={created.secret} readOnly styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }} onFocus={(e) => e.currentTarget.select()} />
          <Group justify="space-between" wrap="wrap">
            <Text size="sm" c="dimmed">
              Expires {formatDateTime(created.token.expiresAt)}
            </Text>
            <CopyButton value={created.secret}>
              {({ copied, copy }) => (
                <Button variant="default" leftSection={copied ? <CheckIcon size={16} /> : <CopyIcon size={16} />} onClick={copy}>
                  {copied ? 'Copied' : 'Copy token'}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Text size="sm">
            Send it as <code>Authorization: Bearer &lt;token&gt;</code>.
          </Text>
          <Group justify="flex-end">
            <Button onClick={onClose} data-autofocus>
              Done
            </Button>
          </Group>
        </Stack>
      </Modal>
    );
  }

  return (
    <Modal opened onClose={onClose} title="Create API token">
      <form onSubmit={form.onSubmit((values) => create.mutate(values))} noValidate>
        <Stack>
          <TextInput label="Name" description="What uses it, e.g. “GitHub Actions: nightly”" withAsterisk maxLength={100} data-autofocus {...form.getInputProps('name')} />
          <Checkbox.Group label="Scopes" withAsterisk {...form.getInputProps('scopes')}>
            <Stack gap="xs" mt={4}>
              {SCOPES.map((scope) => (
                <Checkbox key={scope.value} value={scope.value} label={scope.label} description={scope.description} />
              ))}
            </Stack>
          </Checkbox.Group>
          <Text size="xs" c="dimmed">
            The token never does more than you can: it acts with your rights (as they are when it is used) that its scopes allow.
          </Text>
          <NativeSelect
            label="Expires"
            data={[...EXPIRY_DAYS.map((n) => ({ value: String(n), label: `In ${n} days` })), { value: 'date', label: 'On a day I choose' }]}
            {...form.getInputProps('expiry')}
          />
          {form.values.expiry === 'date' && (
            <TextInput type="date" label="Last day" min={days.min} max={days.max} withAsterisk {...form.getInputProps('day')} />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create token
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
