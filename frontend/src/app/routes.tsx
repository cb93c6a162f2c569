import type { RouteObject } from 'react-router';
import { AboutPage } from '../features/about';
import { ApiTokensPage } from '../features/api-tokens';
import { LoginPage, RequireRight, RequireSession, SetupAdminPage } from '../features/auth';
import { IntegrationsPage } from '../features/integrations';
import { JiraAuthProvider, MyJiraConnectionsPage } from '../features/jira-auth';
import { SystemPage } from '../features/system';
import { UsersAndRolesPage } from '../features/users';
import { AppLayout } from './layout/AppLayout';
import { DocumentTitle } from './layout/DocumentTitle';
import { HomeRedirect } from './layout/HomeRedirect';
import { NotFoundPage } from './layout/NotFoundPage';
import { projectRoutes } from './projectRoutes';

// Each page names itself in its route's `handle` (lib/pageTitle.ts): DocumentTitle makes the
// document's title of it, "Integrations · Testbridge".
const appRoutes: RouteObject[] = [
  { path: '/setup', element: <SetupAdminPage />, handle: { title: 'Create the administrator' } },
  { path: '/login', element: <LoginPage />, handle: { title: 'Log in' } },
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
            handle: { title: 'Integrations' },
            element: (
              <RequireRight right="INTEGRATION_VIEW">
                <IntegrationsPage />
              </RequireRight>
            ),
          },
          {
            path: 'users',
            handle: { title: 'Users & roles' },
            element: (
              <RequireRight right="USERS_MANAGE">
                <UsersAndRolesPage />
              </RequireRight>
            ),
          },
          {
            path: 'system',
            handle: { title: 'System' },
            element: (
              <RequireRight right="USERS_MANAGE">
                <SystemPage />
              </RequireRight>
            ),
          },
          ...projectRoutes,
          { path: 'me/jira-connections', element: <MyJiraConnectionsPage />, handle: { title: 'My Jira connections' } },
          { path: 'me/api-tokens', element: <ApiTokensPage />, handle: { title: 'API tokens' } },
          { path: 'about', element: <AboutPage />, handle: { title: 'About' } },
          { path: '*', element: <NotFoundPage />, handle: { title: 'Page not found' } },
        ],
      },
    ],
  },
];

export const routes: RouteObject[] = [{ element: <DocumentTitle />, children: appRoutes }];
