import { Anchor, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../../api/ApiError';
import { LoadFailure, LoadingState } from '../../../components/PageStates';
import { useSession } from '../../auth';
import { useProject } from '../../projects';
import { caseQuery } from '../api/cases';
import { useListPath } from '../listLocation';
import { CaseEditor } from './CaseEditor';

/** `/projects/:projectId/cases/:caseId`: the case, loaded afresh, in its editor. */
export function CaseEditorPage() {
  const project = useProject();
  const { can } = useSession();
  const caseId = Number(useParams().caseId);
  const listPath = useListPath(project.id);
  const validId = Number.isInteger(caseId) && caseId > 0;
  // Always from the server, never from the cache alone: an editor that starts from an old
  // revision would only meet a conflict at its first save.
  const testCase = useQuery({ ...caseQuery(caseId), enabled: validId, refetchOnMount: 'always' });
  const back = (
    <Anchor component={Link} to={listPath} size="sm">
      ← Test cases
    </Anchor>
  );

  if (validId && testCase.isError && !isApiError(testCase.error, 404)) {
    return <LoadFailure error={testCase.error} onRetry={() => void testCase.refetch()} />;
  }
  if (!validId || isApiError(testCase.error, 404) || (testCase.data && testCase.data.projectId !== project.id)) {
    return (
      <Stack>
        {back}
        <Text>{testCase.data ? 'This test case belongs to another project.' : 'There is no such test case.'}</Text>
      </Stack>
    );
  }
  if (!testCase.data || !testCase.isFetchedAfterMount) return <LoadingState />;
  return <CaseEditor key={caseId} testCase={testCase.data} canModify={can('CASES_MODIFY')} />;
}
