import { Tabs } from '@mantine/core';
import { Drawer } from '../../components/dialogs';
import type { JiraInstance } from '../../lib/jiraInstance';
import { HistoryPanel } from './HistoryPanel';
import { InstanceConnectionsPanel } from './InstanceConnectionsPanel';
import { useHistoryStream } from './useHistoryStream';

/** The log icon: the instance's OAuth history, and every user's connection to it, kept up to date. */
export function OAuthHistoryDrawer({ instance, onClose }: { instance: JiraInstance; onClose: () => void }) {
  // Rendered only while open: subscribed while open, closed with the drawer.
  const live = useHistoryStream(instance.id);
  return (
    <Drawer opened onClose={onClose} position="right" size="min(1100px, 100%)" title={`OAuth history of ${instance.name}`}>
      <Tabs defaultValue="history" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="history">Events</Tabs.Tab>
          <Tabs.Tab value="connections">User connections</Tabs.Tab>
        </Tabs.List>
        {/* data-live: new events arrive by themselves from here on (browser tests wait for it). */}
        <Tabs.Panel value="history" data-live={live}>
          <HistoryPanel instanceId={instance.id} />
        </Tabs.Panel>
        <Tabs.Panel value="connections">
          <InstanceConnectionsPanel instanceId={instance.id} />
        </Tabs.Panel>
      </Tabs>
    </Drawer>
  );
}
