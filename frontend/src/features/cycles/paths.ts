import { projectPath } from '../projects';

/** `/projects/3/cycles/7`: the cycle's page. */
export function cyclePath(projectId: number, cycleId: number): string {
  return `${projectPath(projectId, 'cycles')}/${cycleId}`;
}

/**
 * `/projects/3/cycles/7/run?case=12`: the execution screen at a case of the cycle. Jira's remote
 * links of defects point here too (the server writes the same URL), so it must stay as it is.
 */
export function runPath(projectId: number, cycleId: number, cycleCaseId?: number): string {
  return `${cyclePath(projectId, cycleId)}/run${cycleCaseId === undefined ? '' : `?case=${cycleCaseId}`}`;
}
