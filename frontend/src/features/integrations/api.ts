import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap, type JsonBody } from '../../api/client';
import { integrationsKey, type JiraInstance } from '../../lib/jiraInstance';

export type InstanceDraft = JsonBody<'createIntegration'>;
export type InstanceChanges = JsonBody<'updateIntegration'>;

export const INSTANCES_PAGE_SIZE = 20;

export function integrationsQuery(filter: string, page: number) {
  return queryOptions({
    queryKey: [...integrationsKey, 'list', { filter, page }],
    queryFn: () =>
      unwrap(
        api.GET('/api/integrations', {
          params: { query: { filter: filter || undefined, page, pageSize: INSTANCES_PAGE_SIZE } },
        }),
      ),
    // Typing in the filter or paging keeps the table on screen until the next page arrives.
    placeholderData: keepPreviousData,
  });
}

export function createInstance(draft: InstanceDraft): Promise<JiraInstance> {
  return unwrap(api.POST('/api/integrations', { body: draft }));
}

export function updateInstance(instanceId: number, changes: InstanceChanges): Promise<JiraInstance> {
  return unwrap(api.PATCH('/api/integrations/{instanceId}', { params: { path: { instanceId } }, body: changes }));
}

export function deleteInstance(instanceId: number): Promise<void> {
  return unwrap(api.DELETE('/api/integrations/{instanceId}', { params: { path: { instanceId } } }));
}

export function checkInstance(instanceId: number): Promise<JiraInstance> {
  return unwrap(api.POST('/api/integrations/{instanceId}/check', { params: { path: { instanceId } } }));
}
