import type { RouteObject } from 'react-router';
import { RequireRight } from '../auth/RequireRight';
import { IssuesPage } from '../issues/IssuesPage';
import { SuiteDetailPage } from '../suites/SuiteDetailPage';
import { SuitesPage } from '../suites/SuitesPage';
import { ProjectHome, ProjectLayout } from './ProjectLayout';
import { ProjectsPage } from './ProjectsPage';

/** Projects and, per project, the Issue module and Test Suites; inside the app layout. */
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
    ],
  },
];
