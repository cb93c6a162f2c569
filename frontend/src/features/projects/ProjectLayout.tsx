import { Anchor, Badge, Breadcrumbs, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, Navigate, NavLink, Outlet, useOutletContext, useParams } from 'react-router';
import { LoadFailure, LoadingState } from '../../components/PageStates';
import { useSession, type Right } from '../auth';
import { projectsQuery, type Project } from './api';
import { PROJECTS_PATH, projectPath, type ProjectTab } from './paths';
import classes from './ProjectTabs.module.css';

const TABS: readonly ProjectTab[] = ['issues', 'cases', 'suites', 'cycles'];
const TAB_LABELS: Record<ProjectTab, string> = { issues: 'Issues', cases: 'Test cases', suites: 'Test suites', cycles: 'Test cycles' };
const TAB_RIGHTS: Record<ProjectTab, Right> = { issues: 'ISSUES_VIEW', cases: 'CASES_VIEW', suites: 'SUITES_VIEW', cycles: 'CYCLES_VIEW' };

/**
 * One project: its name, and the Issues, Test cases, Test suites and Test cycles tabs the user may
 * open. The tabs are links (each section has its own address: middle-click, copy link), in a
 * navigation landmark, the current one marked aria-current="page".
 */
export function ProjectLayout() {
  const { can } = useSession();
  const { projectId } = useParams();
  const projects = useQuery(projectsQuery);

  if (projects.isPending) return <LoadingState />;
  if (projects.isError) return <LoadFailure error={projects.error} onRetry={() => void projects.refetch()} />;
  const project = projects.data.find((candidate) => String(candidate.id) === projectId);
  if (!project) {
    return (
      <Stack>
        <Title order={1}>No such project</Title>
        <Text>
          There is no project {projectId}. <Anchor component={Link} to={PROJECTS_PATH}>See all projects</Anchor>
        </Text>
      </Stack>
    );
  }

  const visibleTabs = TABS.filter((candidate) => can(TAB_RIGHTS[candidate]));
  return (
    <Stack>
      <Stack gap={4}>
        <Breadcrumbs>
          <Anchor component={Link} to={PROJECTS_PATH} size="sm">
            Projects
          </Anchor>
          <Text size="sm">{project.key}</Text>
        </Breadcrumbs>
        <Group gap="sm">
          <Title order={1}>{project.name}</Title>
          <Badge variant="outline" color="gray">
            {project.key}
          </Badge>
        </Group>
      </Stack>
      {visibleTabs.length > 0 && (
        <nav aria-label="Project sections">
          <ul className={classes.list}>
            {visibleTabs.map((candidate) => (
              <li key={candidate}>
                {/* Current on the tab's own pages too (a case of Test cases); NavLink sets aria-current="page". */}
                <NavLink to={projectPath(project.id, candidate)} className={classes.tab}>
                  {TAB_LABELS[candidate]}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <Outlet context={project} />
    </Stack>
  );
}

/** The project of the page, for the pages inside {@link ProjectLayout}. */
export function useProject(): Project {
  return useOutletContext<Project>();
}

// Where a project opens: its test cases, the heart of the repository, else the first tab the user may see.
const HOME_TABS: readonly ProjectTab[] = ['cases', ...TABS.filter((candidate) => candidate !== 'cases')];

/** `/projects/3` opens the project's test cases, or the first tab the user may see. */
export function ProjectHome() {
  const { can } = useSession();
  const project = useProject();
  const first = HOME_TABS.find((candidate) => can(TAB_RIGHTS[candidate]));
  if (first) return <Navigate to={projectPath(project.id, first)} replace />;
  return <Text>You may not see this project’s issues, test cases, test suites or test cycles. Ask an administrator if you need to.</Text>;
}
