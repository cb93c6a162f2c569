import { Checkbox, Group, Loader, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { describeError } from '../../lib/forms/showApiError';
import { rolesQuery } from './api';

interface RoleChoiceProps {
  value: number[];
  onChange: (roleIds: number[]) => void;
  error?: ReactNode;
}

/** Checkboxes for the roles a user holds. */
export function RoleChoice({ value, onChange, error }: RoleChoiceProps) {
  const roles = useQuery(rolesQuery);
  if (roles.isPending) return <Loader size="sm" role="status" aria-label="Loading roles" />;
  if (roles.isError) return <Text c="red" size="sm">Could not load the roles: {describeError(roles.error)}</Text>;
  return (
    <Checkbox.Group
      label="Roles"
      value={value.map(String)}
      onChange={(ids) => onChange(ids.map(Number))}
      error={error}
    >
      <Group mt="xs">
        {roles.data.map((role) => (
          <Checkbox key={role.id} value={String(role.id)} label={role.name} />
        ))}
      </Group>
    </Checkbox.Group>
  );
}
