import type { Schemas } from '../api/client';

// The Jira instance as every feature sees it (integrations, oauth, history, projects, jira-auth):
// shared here so that none of them reaches into another for it.

export type JiraInstance = Schemas['JiraInstance'];
export type Deployment = Schemas['Deployment'];
export type InstanceStatus = JiraInstance['status'];

export const DEPLOYMENT_LABELS: Record<Deployment, string> = {
  CLOUD: 'Cloud',
  DATA_CENTER: 'Data Center',
};

/** Every query about instances starts with this key, so one invalidation refreshes them all. */
export const integrationsKey = ['integrations'] as const;
