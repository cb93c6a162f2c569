import { Button, Grid, Group, Stack, Title } from '@mantine/core';
import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { useState } from 'react';
import { DownloadIcon, PlusIcon } from '../../../components/icons';
import { LoadFailure, LoadingState } from '../../../components/PageStates';
import { Paging } from '../../../components/Paging';
import { useSession } from '../../auth';
import { useProject } from '../../projects';
import { casesQuery, type CasePage } from '../api/cases';
import { TEMPLATE_URL } from '../api/csv';
import { foldersQuery } from '../api/folders';
import { ImportCasesDialog } from '../csv/ImportCasesDialog';
import { folderPath } from '../folderTree';
import { BulkBar } from './BulkBar';
import { CaseFiltersBar } from './CaseFiltersBar';
import { exportUrl, sortParameter, toCaseQuery, useCaseFilters, type CaseFilters } from './caseFilters';
import { CaseTable } from './CaseTable';
import { EmptyCaseList } from './EmptyCaseList';
import { FolderTree } from './FolderTree';
import { NewCaseModal } from './NewCaseModal';

const PAGE_SIZE = 50;
const NO_FILTERS: Partial<CaseFilters> = { text: '', label: '', status: null, priority: null, ownerId: null };

/** The test-case repository of a project: folders on the left, the cases they hold on the right. */
export function RepositoryPage() {
  const project = useProject();
  const { can } = useSession();
  const canModify = can('CASES_MODIFY');
  const [filters, updateFilters] = useCaseFilters();
  const folders = useQuery(foldersQuery(project.id));
  const query = toCaseQuery(filters);
  const cases = useQuery(casesQuery(project.id, query, sortParameter(filters.sort), filters.page, PAGE_SIZE));
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  // A selection belongs to the list it was made in: another folder, filter or page starts afresh.
  const listKey = JSON.stringify([query, filters.page]);
  const [selectedIn, setSelectedIn] = useState(listKey);
  if (selectedIn !== listKey) {
    setSelectedIn(listKey);
    setSelected(new Set());
  }

  const folderList = folders.data ?? [];
  const currentFolder = typeof filters.folder === 'number' ? { id: filters.folder, path: folderPath(folderList, filters.folder) } : null;
  const heading = filters.archived ? 'Archive' : filters.folder === 'all' ? 'All cases' : filters.folder === 'unfiled' ? 'Unfiled' : currentFolder?.path || 'Folder';

  return (
    <Grid gutter="lg" columns={24}>
      <Grid.Col span={{ base: 24, md: 6, lg: 5, xl: 4 }}>
        {folders.isError ? (
          <LoadFailure error={folders.error} onRetry={() => void folders.refetch()} />
        ) : (
          <FolderTree
            projectId={project.id}
            folders={folderList}
            selected={filters.folder}
            onSelect={(folder) => updateFilters({ folder })}
            canModify={canModify}
          />
        )}
      </Grid.Col>
      <Grid.Col span={{ base: 24, md: 18, lg: 19, xl: 20 }}>
        <Stack>
          <Group justify="space-between" wrap="wrap">
            <Title order={2}>{heading}</Title>
            <Group gap="xs">
              {canModify && !filters.archived && (
                <Button leftSection={<PlusIcon size={16} />} onClick={() => setCreating(true)}>
                  New case
                </Button>
              )}
              {canModify && !filters.archived && (
                <Button variant="default" onClick={() => setImporting(true)}>
                  Import CSV
                </Button>
              )}
              <Button component="a" href={TEMPLATE_URL} download variant="default" leftSection={<DownloadIcon size={16} />}>
                Download template
              </Button>
              <Button component="a" href={exportUrl(project.id, query)} download variant="default" leftSection={<DownloadIcon size={16} />}>
                Export
              </Button>
            </Group>
          </Group>
          <CaseFiltersBar projectId={project.id} filters={filters} onChange={updateFilters} />
          {selected.size > 0 && (
            <BulkBar projectId={project.id} caseIds={[...selected]} archived={filters.archived} onClear={() => setSelected(new Set())} />
          )}
          <CaseList filters={filters} onChange={updateFilters} cases={cases} selected={selected} onSelect={setSelected} />
        </Stack>
      </Grid.Col>
      {creating && <NewCaseModal projectId={project.id} folder={currentFolder} onClose={() => setCreating(false)} />}
      {importing && <ImportCasesDialog projectId={project.id} onClose={() => setImporting(false)} />}
    </Grid>
  );
}

interface CaseListProps {
  filters: CaseFilters;
  onChange: (change: Partial<CaseFilters>) => void;
  cases: UseQueryResult<CasePage>;
  selected: ReadonlySet<number>;
  onSelect: (selected: Set<number>) => void;
}

function CaseList({ filters, onChange, cases, selected, onSelect }: CaseListProps) {
  const project = useProject();
  if (cases.isPending) return <LoadingState />;
  if (cases.isError) return <LoadFailure error={cases.error} onRetry={() => void cases.refetch()} />;
  const page = cases.data;
  if (page.total === 0) return <EmptyCaseList filters={filters} onClearFilters={() => onChange(NO_FILTERS)} />;
  return (
    <>
      <CaseTable
        projectId={project.id}
        cases={page.items}
        sort={filters.sort}
        onSort={(sort) => onChange({ sort })}
        selected={selected}
        onSelect={onSelect}
        busy={cases.isFetching}
      />
      <Paging noun="case" page={page.page} pageSize={page.pageSize} total={page.total} onChange={(next) => onChange({ page: next })} busy={cases.isPlaceholderData} />
    </>
  );
}
