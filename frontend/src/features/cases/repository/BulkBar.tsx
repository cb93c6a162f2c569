import { Button, Group, Menu, Paper, Text } from '@mantine/core';
import { useState } from 'react';
import { DownloadIcon } from '../../../components/icons';
import { useSession } from '../../auth';
import { AddToSuiteDialog } from '../../suites';
import { archiveCases, bulkEditCases, cloneCases, restoreCases } from '../api/cases';
import { countOf, STATUS_OPTIONS } from '../caseFields';
import type { CaseStatus } from '../api/types';
import { BulkChangeModal, type BulkChangeKind } from './BulkChangeModal';
import { selectionExportUrl } from './caseFilters';
import { useBulkAction } from './useBulkAction';

interface BulkBarProps {
  projectId: number;
  caseIds: number[];
  /** The archive's list: its cases can only be restored or exported. */
  archived: boolean;
  onClear: () => void;
}

/** What can be done to the selected cases at once. */
export function BulkBar({ projectId, caseIds, archived, onClear }: BulkBarProps) {
  const { can } = useSession();
  const canModify = can('CASES_MODIFY');
  const [dialog, setDialog] = useState<BulkChangeKind | 'suite' | null>(null);
  const cases = countOf(caseIds.length, 'case');

  const setStatus = useBulkAction(
    projectId,
    (status: CaseStatus) => bulkEditCases(projectId, caseIds, { status }),
    (updated) => `Changed the status of ${countOf(updated, 'case')}.`,
    onClear,
  );
  const clone = useBulkAction(projectId, () => cloneCases(projectId, caseIds), (copies) => `Cloned ${countOf(copies.length, 'case')}.`, onClear);
  const archive = useBulkAction(projectId, () => archiveCases(projectId, caseIds), (moved) => `Archived ${countOf(moved, 'case')}.`, onClear);
  const restore = useBulkAction(projectId, () => restoreCases(projectId, caseIds), (moved) => `Restored ${countOf(moved, 'case')}.`, onClear);

  return (
    <Paper withBorder p="xs" radius="sm" role="region" aria-label="Selected cases">
      <Group gap="xs" wrap="wrap">
        <Text size="sm" fw={600} mr="xs">
          {cases} selected
        </Text>
        {canModify && !archived && (
          <>
            <Menu position="bottom-start">
              <Menu.Target>
                <Button size="xs" variant="light" loading={setStatus.isPending}>
                  Set status
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                {STATUS_OPTIONS.map((option) => (
                  <Menu.Item key={option.value} onClick={() => setStatus.mutate(option.value)}>
                    {option.label}
                  </Menu.Item>
                ))}
              </Menu.Dropdown>
            </Menu>
            <Button size="xs" variant="light" onClick={() => setDialog('labels')}>
              Labels…
            </Button>
            <Button size="xs" variant="light" onClick={() => setDialog('owner')}>
              Owner…
            </Button>
            <Button size="xs" variant="light" onClick={() => setDialog('folder')}>
              Move to folder…
            </Button>
            <Button size="xs" variant="light" onClick={() => clone.mutate()} loading={clone.isPending}>
              Clone
            </Button>
          </>
        )}
        {can('SUITES_MODIFY') && !archived && (
          <Button size="xs" variant="light" onClick={() => setDialog('suite')}>
            Add to suite…
          </Button>
        )}
        {canModify && !archived && (
          <Button size="xs" variant="light" color="orange" onClick={() => archive.mutate()} loading={archive.isPending}>
            Archive
          </Button>
        )}
        {canModify && archived && (
          <Button size="xs" variant="light" onClick={() => restore.mutate()} loading={restore.isPending}>
            Restore
          </Button>
        )}
        <Button size="xs" variant="default" component="a" href={selectionExportUrl(projectId, caseIds)} download leftSection={<DownloadIcon size={14} />}>
          Export selection
        </Button>
        <Button size="xs" variant="subtle" onClick={onClear} ml="auto">
          Clear selection
        </Button>
      </Group>
      {dialog === 'suite' && <AddToSuiteDialog projectId={projectId} caseIds={caseIds} onClose={() => setDialog(null)} />}
      {dialog !== null && dialog !== 'suite' && (
        <BulkChangeModal kind={dialog} projectId={projectId} caseIds={caseIds} onClose={() => setDialog(null)} onDone={onClear} />
      )}
    </Paper>
  );
}
