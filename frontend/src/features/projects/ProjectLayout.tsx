import { Anchor, Badge, Breadcrumbs, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, Navigate, Outlet, useLocation, useNavigate, useOutletContext, useParams } from 'react-router';
import { LoadFailure, LoadingState } from '../../components/PageStates';
import { useSession, type Right } from '../auth';
import { projectsQuery, type Project } from './api';
import { PROJECTS_PATH, projectPath, type ProjectTab } from './paths';

const TABS: readonly ProjectTab[] = ['issues', 'cases', 'suites', 'cycles'];
const TAB_LABELS: Record<ProjectTab, string> = { issues: 'Issues', cases: 'Test cases', suites: 'Test Suites', cycles: 'Test Cycles' };
const TAB_RIGHTS: Record<ProjectTab, Right> = { issues: 'ISSUES_VIEW', cases: 'CASES_VIEW', suites: 'SUITES_VIEW', cycles: 'CYCLES_VIEW' };

/** One project: its name and the Issues, Test cases, Test Suites and Test Cycles tabs the user may open. */
export function ProjectLayout() {
  const { can } = useSession();
  const { projectId } = useParams();
  const { pathname } = useLocation();
  const navigate = useNavigate();
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

  const tab = TABS.find((candidate) => pathname === projectPath(project.id, candidate) || pathname.startsWith(`${projectPath(project.id, candidate)}/`)) ?? null;
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
      <Tabs value={tab} onChange={(next) => next && void navigate(projectPath(project.id, next as ProjectTab))}>
        <Tabs.List>
          {visibleTabs.map((candidate) => (
            <Tabs.Tab key={candidate} value={candidate}>
              {TAB_LABELS[candidate]}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {/* A panel per tab, so that each tab's aria-controls names an element; the route fills the active one. */}
        {visibleTabs.map((candidate) => (
          <Tabs.Panel key={candidate} value={candidate} pt="md">
            {tab === candidate && <Outlet context={project} />}
          </Tabs.Panel>
        ))}
      </Tabs>
      {/* Outside the tabs: the project's home, or a tab the user may not open (the route says why). */}
      {(tab === null || !visibleTabs.includes(tab)) && <Outlet context={project} />}
    </Stack>
  );
}

/** The project of the page, for the pages inside {@link ProjectLayout}. */
export function useProject(): Project {
  return useOutletContext<Project>();
}

/** `/projects/3` opens the first tab the user may see. */
export function ProjectHome() {
  const { can } = useSession();
  const project = useProject();
  const first = TABS.find((candidate) => can(TAB_RIGHTS[candidate]));
  if (first) return <Navigate to={projectPath(project.id, first)} replace />;
  return <Text>You may not see this project’s issues, test cases, test suites or test cycles. Ask an administrator if you need to.</Text>;
}
