import { Group, Kbd, Table, Text } from '@mantine/core';
import { Modal } from '../../../components/dialogs';
import { SHORTCUTS } from './keyboard';

/** "?": the keyboard shortcuts of the execution screen. */
export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  return (
    <Modal opened onClose={onClose} title="Keyboard shortcuts" size="lg">
      <Text size="sm" mb="sm">
        The steps work from the keyboard: the focused step is outlined. Shortcuts do nothing while you type in a field; Esc
        brings you back to its step.
      </Text>
      <Table aria-label="Keyboard shortcuts">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={160}>Keys</Table.Th>
            <Table.Th>What they do</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {SHORTCUTS.map((shortcut) => (
            <Table.Tr key={shortcut.what}>
              <Table.Td>
                <Group gap={4}>
                  {shortcut.keys.map((key, index) => (
                    <Group key={key} gap={4}>
                      {index > 0 && (
                        <Text span size="xs">
                          or
                        </Text>
                      )}
                      <Kbd>{key}</Kbd>
                    </Group>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>{shortcut.what}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Modal>
  );
}
