import { Tabs } from '@mantine/core';
import { Drawer } from '../../components/dialogs';
import type { JiraInstance } from '../../lib/jiraInstance';
import { HistoryPanel } from './HistoryPanel';
import { InstanceConnectionsPanel } from './InstanceConnectionsPanel';

/** The log icon: the instance's OAuth history, and every user's connection to it. */
export function OAuthHistoryDrawer({ instance, onClose }: { instance: JiraInstance; onClose: () => void }) {
  return (
    <Drawer opened onClose={onClose} position="right" size="min(1100px, 100%)" title={`OAuth history of ${instance.name}`}>
      <Tabs defaultValue="history" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="history">Events</Tabs.Tab>
          <Tabs.Tab value="connections">User connections</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="history">
          <HistoryPanel instanceId={instance.id} />
        </Tabs.Panel>
        <Tabs.Panel value="connections">
          <InstanceConnectionsPanel instanceId={instance.id} />
        </Tabs.Panel>
      </Tabs>
    </Drawer>
  );
}
