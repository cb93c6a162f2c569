import { infiniteQueryOptions, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap, type Schemas } from '../../api/client';
import { myJiraConnectionsQuery } from '../jira-auth';

export type JiraIssueSummary = Schemas['JiraIssueSummary'];

const SEARCH_PAGE_SIZE = 20;

export interface JiraSearch {
  instanceId: number;
  /** An exact issue key, or text. */
  text: string;
  /** A Jira project key to search in; text searches only. */
  project?: string;
}

/** Jira issues by key or text, page after page ("Load more"), as the user. */
export function jiraSearchQuery({ instanceId, text, project }: JiraSearch) {
  return infiniteQueryOptions({
    queryKey: ['jira', instanceId, 'search', { text, project: project ?? null }],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/jira/{instanceId}/search', {
          params: {
            path: { instanceId },
            query: { q: text, project: project || undefined, cursor: pageParam ?? undefined, pageSize: SEARCH_PAGE_SIZE },
          },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? null,
    staleTime: 30_000,
  });
}

/**
 * The Jira instance a dialog searches and links in: the project's default, else the only one the
 * user can use, until they choose another.
 */
export function useJiraInstanceChoice(defaultInstanceId: number | null | undefined) {
  const connections = useQuery(myJiraConnectionsQuery);
  const [chosen, setChosen] = useState<number | null>(defaultInstanceId ?? null);
  const only = connections.data?.length === 1 ? connections.data[0]?.instanceId : undefined;
  return { instanceId: chosen ?? only, choose: setChosen };
}
