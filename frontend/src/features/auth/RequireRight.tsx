import { Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { describeRight, type Right } from './rights';
import { useSession } from './session';

/** Hides a page from users without the right; the server refuses its API to them anyway. */
export function RequireRight({ right, children }: { right: Right; children: ReactNode }) {
  const { can } = useSession();
  if (can(right)) return children;
  return (
    <Stack>
      <Title order={1}>No access</Title>
      <Text>This page needs the right “{describeRight(right)}”. Ask an administrator if you need it.</Text>
    </Stack>
  );
}
