import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Outlet, useMatches } from 'react-router';
import { meQuery } from '../../features/auth';
import { projectsQuery } from '../../features/projects';
import { composeTitle, isTitleHandle, PageTitleContext } from '../../lib/pageTitle';

/**
 * The root of every route: sets the document's title from the deepest route that names its page
 * (`handle: { title }`), the project's key on a project's pages, and the detail a page may add
 * (usePageTitle).
 */
export function DocumentTitle() {
  const matches = useMatches();
  const [detail, setDetail] = useState<string | null>(null);
  const handle = matches.map((match) => match.handle).filter(isTitleHandle).at(-1);
  const projectId = matches.at(-1)?.params.projectId;
  // Only watching the session, which RequireSession asks for; and once there is one, the same
  // query as the project's layout (no request of its own).
  const me = useQuery({ ...meQuery, enabled: false });
  const projects = useQuery({ ...projectsQuery, enabled: projectId !== undefined && Boolean(me.data) });
  const projectKey = projectId === undefined ? undefined : projects.data?.find((project) => String(project.id) === projectId)?.key;
  const title = composeTitle(handle, detail, projectKey);

  useEffect(() => {
    document.title = title;
  }, [title]);

  return (
    <PageTitleContext value={setDetail}>
      <Outlet />
    </PageTitleContext>
  );
}
