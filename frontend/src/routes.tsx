import type { RouteObject } from 'react-router';
import { AboutPage } from './features/about/AboutPage';
import { LoginPage } from './features/auth/LoginPage';
import { RequireRight } from './features/auth/RequireRight';
import { RequireSession } from './features/auth/RequireSession';
import { SetupAdminPage } from './features/auth/SetupAdminPage';
import { IntegrationsPage } from './features/integrations/IntegrationsPage';
import { JiraAuthProvider } from './features/jira-auth/JiraAuthProvider';
import { MyJiraConnectionsPage } from './features/jira-auth/MyJiraConnectionsPage';
import { projectRoutes } from './features/projects/routes';
import { SystemPage } from './features/system/SystemPage';
import { UsersAndRolesPage } from './features/users/UsersAndRolesPage';
import { AppLayout } from './layout/AppLayout';
import { HomeRedirect } from './layout/HomeRedirect';
import { NotFoundPage } from './layout/NotFoundPage';

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
