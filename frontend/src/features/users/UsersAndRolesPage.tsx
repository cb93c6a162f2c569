import { Stack, Tabs, Title } from '@mantine/core';
import { AllApiTokensPanel } from '../api-tokens';
import { RolesPanel } from './RolesPanel';
import { UsersPanel } from './UsersPanel';

export function UsersAndRolesPage() {
  return (
    <Stack>
      <Title order={1}>Users &amp; roles</Title>
      <Tabs defaultValue="users" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="users">Users</Tabs.Tab>
          <Tabs.Tab value="roles">Roles</Tabs.Tab>
          <Tabs.Tab value="api-tokens">API tokens</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="users" pt="md">
          <UsersPanel />
        </Tabs.Panel>
        <Tabs.Panel value="roles" pt="md">
          <RolesPanel />
        </Tabs.Panel>
        <Tabs.Panel value="api-tokens" pt="md">
          <AllApiTokensPanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
