import { Container, Paper, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** The centred card around the login and first-run pages, which have no navigation yet. */
export function AuthFrame({ title, intro, children }: { title: string; intro?: string; children: ReactNode }) {
  return (
    <Container size={460} py={64} component="main">
      <Text c="dimmed" fw={600} ta="center" mb="xs">
        Testbridge
      </Text>
      <Title order={1} ta="center">
        {title}
      </Title>
      {intro && (
        <Text c="dimmed" size="sm" ta="center" mt="xs">
          {intro}
        </Text>
      )}
      <Paper withBorder shadow="sm" p="lg" mt="lg" radius="md">
        {children}
      </Paper>
    </Container>
  );
}
