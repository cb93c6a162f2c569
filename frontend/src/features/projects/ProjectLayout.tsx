import { Anchor, Badge, Breadcrumbs, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, Navigate, Outlet, useLocation, useNavigate, useOutletContext, useParams } from 'react-router';
import { LoadFailure, LoadingState } from '../../components/PageStates';
import { useSession } from '../auth';
import { projectsQuery, type Project } from './api';
import { PROJECTS_PATH, projectPath, type ProjectTab } from './paths';

/** One project: its name and the Issues, Test Suites and Test Cycles tabs the user may open. */
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

  const tab: ProjectTab | null = pathname.startsWith(projectPath(project.id, 'suites'))
    ? 'suites'
    : pathname.startsWith(projectPath(project.id, 'issues'))
      ? 'issues'
      : pathname.startsWith(projectPath(project.id, 'cycles'))
        ? 'cycles'
        : null;
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
          {can('ISSUES_VIEW') && <Tabs.Tab value="issues">Issues</Tabs.Tab>}
          {can('SUITES_VIEW') && <Tabs.Tab value="suites">Test Suites</Tabs.Tab>}
          {can('CYCLES_VIEW') && <Tabs.Tab value="cycles">Test Cycles</Tabs.Tab>}
        </Tabs.List>
        {/* A panel per tab, so that each tab's aria-controls names an element; the route fills the active one. */}
        {can('ISSUES_VIEW') && (
          <Tabs.Panel value="issues" pt="md">
            {tab === 'issues' && <Outlet context={project} />}
          </Tabs.Panel>
        )}
        {can('SUITES_VIEW') && (
          <Tabs.Panel value="suites" pt="md">
            {tab === 'suites' && <Outlet context={project} />}
          </Tabs.Panel>
        )}
        {can('CYCLES_VIEW') && (
          <Tabs.Panel value="cycles" pt="md">
            {tab === 'cycles' && <Outlet context={project} />}
          </Tabs.Panel>
        )}
      </Tabs>
      {tab === null && <Outlet context={project} />}
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
  if (can('ISSUES_VIEW')) return <Navigate to={projectPath(project.id, 'issues')} replace />;
  if (can('SUITES_VIEW')) return <Navigate to={projectPath(project.id, 'suites')} replace />;
  if (can('CYCLES_VIEW')) return <Navigate to={projectPath(project.id, 'cycles')} replace />;
  return <Text>You may not see this project’s issues, test suites or test cycles. Ask an administrator if you need to.</Text>;
}
