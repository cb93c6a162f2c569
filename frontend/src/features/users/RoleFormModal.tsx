import { Button, Group, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Modal } from '../../components/dialogs';
import { showApiError } from '../../lib/forms/showApiError';
import { createRole, rolesQuery, updateRole, usersQuery, type Role, type RoleDraft } from './api';
import { RightsChecklist } from './RightsChecklist';

/** Adds a custom role, or changes one when `role` is given; rendered only while open. */
export function RoleFormModal({ role, onClose }: { role?: Role; onClose: () => void }) {
  const queryClient = useQueryClient();
  const form = useForm<RoleDraft>({
    initialValues: { name: role?.name ?? '', rights: role?.rights ?? [] },
    validate: {
      name: (value) => (value.trim() ? null : 'Enter a name'),
    },
  });

  const save = useMutation({
    mutationFn: (draft: RoleDraft) => (role ? updateRole(role.id, draft) : createRole(draft)),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: rolesQuery.queryKey });
      // Users are listed with their roles' names.
      void queryClient.invalidateQueries({ queryKey: usersQuery.queryKey });
      onClose();
    },
    onError: (error) => showApiError(error, 'Could not save the role', form),
  });

  return (
    <Modal opened onClose={onClose} title={role ? `Edit role ${role.name}` : 'Add role'}>
      <form onSubmit={form.onSubmit((draft) => save.mutate(draft))} noValidate>
        <Stack>
          <TextInput label="Name" withAsterisk data-autofocus {...form.getInputProps('name')} />
          <RightsChecklist
            value={form.values.rights}
            onChange={(value) => form.setFieldValue('rights', value)}
            error={form.errors.rights}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {role ? 'Save' : 'Add role'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
