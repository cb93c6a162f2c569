import type { RouteObject } from 'react-router';
import { RequireRight } from '../features/auth';
import { CaseEditorPage, RepositoryPage } from '../features/cases';
import { CyclePage, CyclesPage, ExecutionPage } from '../features/cycles';
import { IssuesPage } from '../features/issues';
import { ProjectHome, ProjectLayout, ProjectsPage } from '../features/projects';
import { SuiteDetailPage, SuitesPage } from '../features/suites';

/** Projects and, per project, the Issue module, the test-case repository, Test Suites and Test Cycles; inside the app layout. */
export const projectRoutes: RouteObject[] = [
  { path: 'projects', element: <ProjectsPage /> },
  {
    path: 'projects/:projectId',
    element: <ProjectLayout />,
    children: [
      { index: true, element: <ProjectHome /> },
      {
        path: 'issues',
        element: (
          <RequireRight right="ISSUES_VIEW">
            <IssuesPage />
          </RequireRight>
        ),
      },
      {
        path: 'cases',
        element: (
          <RequireRight right="CASES_VIEW">
            <RepositoryPage />
          </RequireRight>
        ),
      },
      {
        path: 'cases/:caseId',
        element: (
          <RequireRight right="CASES_VIEW">
            <CaseEditorPage />
          </RequireRight>
        ),
      },
      {
        path: 'suites',
        element: (
          <RequireRight right="SUITES_VIEW">
            <SuitesPage />
          </RequireRight>
        ),
      },
      {
        path: 'suites/:suiteId',
        element: (
          <RequireRight right="SUITES_VIEW">
            <SuiteDetailPage />
          </RequireRight>
        ),
      },
      {
        path: 'cycles',
        element: (
          <RequireRight right="CYCLES_VIEW">
            <CyclesPage />
          </RequireRight>
        ),
      },
      {
        path: 'cycles/:cycleId',
        element: (
          <RequireRight right="CYCLES_VIEW">
            <CyclePage />
          </RequireRight>
        ),
      },
      {
        // Jira's remote links of defects point here: keep the path.
        path: 'cycles/:cycleId/run',
        element: (
          <RequireRight right="CYCLES_VIEW">
            <ExecutionPage />
          </RequireRight>
        ),
      },
    ],
  },
];
