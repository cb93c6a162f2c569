import type { RouteObject } from 'react-router';
import { AboutPage } from '../features/about';
import { LoginPage, RequireRight, RequireSession, SetupAdminPage } from '../features/auth';
import { IntegrationsPage } from '../features/integrations';
import { JiraAuthProvider, MyJiraConnectionsPage } from '../features/jira-auth';
import { SystemPage } from '../features/system';
import { UsersAndRolesPage } from '../features/users';
import { AppLayout } from './layout/AppLayout';
import { HomeRedirect } from './layout/HomeRedirect';
import { NotFoundPage } from './layout/NotFoundPage';
import { projectRoutes } from './projectRoutes';

export const routes: RouteObject[] = [
  { path: '/setup', element: <SetupAdminPage /> },
  { path: '/login', element: <LoginPage /> },
  {
    element: <RequireSession />,
    children: [
      {
        // Inside the session: any Jira call of the user may need the "Authenticate with Jira" dialog.
        element: (
          <JiraAuthProvider>
            <AppLayout />
          </JiraAuthProvider>
        ),
        children: [
          { index: true, element: <HomeRedirect /> },
          {
            path: 'integrations',
            element: (
              <RequireRight right="INTEGRATION_VIEW">
                <IntegrationsPage />
              </RequireRight>
            ),
          },
          {
            path: 'users',
            element: (
              <RequireRight right="USERS_MANAGE">
                <UsersAndRolesPage />
              </RequireRight>
            ),
          },
          {
            path: 'system',
            element: (
              <RequireRight right="USERS_MANAGE">
                <SystemPage />
              </RequireRight>
            ),
          },
          ...projectRoutes,
          { path: 'me/jira-connections', element: <MyJiraConnectionsPage /> },
          { path: 'about', element: <AboutPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
