import type { RouteObject } from 'react-router';
import { RequireRight } from '../features/auth';
import { CaseEditorPage, RepositoryPage } from '../features/cases';
import { CyclePage, CyclesPage, ExecutionPage } from '../features/cycles';
import { IssuesPage } from '../features/issues';
import { ProjectHome, ProjectLayout, ProjectsPage } from '../features/projects';
import { SuiteDetailPage, SuitesPage } from '../features/suites';

/** Projects and, per project, the Issue module, the test-case repository, Test Suites and Test Cycles; inside the app layout. */
export const projectRoutes: RouteObject[] = [
  { path: 'projects', element: <ProjectsPage />, handle: { title: 'Projects' } },
  {
    path: 'projects/:projectId',
    element: <ProjectLayout />,
    // The document's title: "<page> · <project key> · Testbridge" (the key added by DocumentTitle).
    handle: { title: 'Project' },
    children: [
      { index: true, element: <ProjectHome /> },
      {
        path: 'issues',
        handle: { title: 'Issues' },
        element: (
          <RequireRight right="ISSUES_VIEW">
            <IssuesPage />
          </RequireRight>
        ),
      },
      {
        path: 'cases',
        handle: { title: 'Test cases' },
        element: (
          <RequireRight right="CASES_VIEW">
            <RepositoryPage />
          </RequireRight>
        ),
      },
      {
        path: 'cases/:caseId',
        handle: { title: 'Test case', section: 'Test cases' },
        element: (
          <RequireRight right="CASES_VIEW">
            <CaseEditorPage />
          </RequireRight>
        ),
      },
      {
        path: 'suites',
        handle: { title: 'Test suites' },
        element: (
          <RequireRight right="SUITES_VIEW">
            <SuitesPage />
          </RequireRight>
        ),
      },
      {
        path: 'suites/:suiteId',
        handle: { title: 'Test suite', section: 'Test suites' },
        element: (
          <RequireRight right="SUITES_VIEW">
            <SuiteDetailPage />
          </RequireRight>
        ),
      },
      {
        path: 'cycles',
        handle: { title: 'Test cycles' },
        element: (
          <RequireRight right="CYCLES_VIEW">
            <CyclesPage />
          </RequireRight>
        ),
      },
      {
        path: 'cycles/:cycleId',
        handle: { title: 'Test cycle', section: 'Test cycles' },
        element: (
          <RequireRight right="CYCLES_VIEW">
            <CyclePage />
          </RequireRight>
        ),
      },
      {
        // Jira's remote links of defects point here: keep the path.
        path: 'cycles/:cycleId/run',
        handle: { title: 'Test execution', section: 'Test cycles' },
        element: (
          <RequireRight right="CYCLES_VIEW">
            <ExecutionPage />
          </RequireRight>
        ),
      },
    ],
  },
];
