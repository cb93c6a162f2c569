export const PROJECTS_PATH = '/projects';

export type ProjectTab = 'issues' | 'cases' | 'suites' | 'cycles';

/** `/projects/3`, `/projects/3/issues`, `/projects/3/cases`, `/projects/3/suites`, `/projects/3/cycles`. */
export function projectPath(projectId: number, tab?: ProjectTab): string {
  return `${PROJECTS_PATH}/${projectId}${tab ? `/${tab}` : ''}`;
}

export function suitePath(projectId: number, suiteId: number): string {
  return `${projectPath(projectId, 'suites')}/${suiteId}`;
}

/** The editor of one test case. */
export function casePath(projectId: number, caseId: number): string {
  return `${projectPath(projectId, 'cases')}/${caseId}`;
}
