import { Checkbox, Fieldset, Group, Input, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { RIGHT_GROUPS, type Right } from '../auth';

interface RightsChecklistProps {
  value: Right[];
  onChange: (rights: Right[]) => void;
  error?: ReactNode;
}

/** One fieldset per module (Integration, Issues, …) with a checkbox per right. */
export function RightsChecklist({ value, onChange, error }: RightsChecklistProps) {
  const toggle = (right: Right, checked: boolean) =>
    onChange(checked ? [...value, right] : value.filter((held) => held !== right));

  return (
    <Stack gap="xs" role="group" aria-label="Rights">
      <Input.Label>Rights</Input.Label>
      {RIGHT_GROUPS.map((group) => (
        <Fieldset key={group.module} legend={group.module} variant="filled" p="xs">
          <Group>
            {group.rights.map(({ right, label }) => (
              <Checkbox
                key={right}
                label={label}
                aria-label={`${group.module}: ${label}`}
                checked={value.includes(right)}
                onChange={(event) => toggle(right, event.currentTarget.checked)}
              />
            ))}
          </Group>
        </Fieldset>
      ))}
      {error && <Input.Error>{error}</Input.Error>}
    </Stack>
  );
}
