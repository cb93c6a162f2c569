import { Alert, Button, Checkbox, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { isJiraAuthRequired } from '../../api/ApiError';
import { Modal } from '../../components/dialogs';
import { describeError } from '../../lib/forms/showApiError';
import { JiraIssueFinder, NeedsJiraAccount, useJiraInstanceChoice, type JiraIssueSummary } from '../issues';
import type { Project } from '../projects';
import { linkIssues, MAX_LINKS_AT_ONCE, suiteQuery, suitesQuery } from './api';

export interface LinkIssuesDialogProps {
  project: Project;
  suite: { id: number; name: string };
  onClose: () => void;
}

/**
 * "Link issues": find Jira issues by exact key or by text, page by page, pick several (up to 50)
 * and link them to the suite, as the tester.
 */
export function LinkIssuesDialog({ project, suite, onClose }: LinkIssuesDialogProps) {
  const queryClient = useQueryClient();
  const linked = useQuery(suiteQuery(suite.id));
  const { instanceId, choose } = useJiraInstanceChoice(project.defaultInstanceId);
  // Picked issues by key; kept across searches, so that a tester can gather them from several.
  const [selected, setSelected] = useState<Map<string, JiraIssueSummary>>(new Map());

  const link = useMutation({
    mutationFn: () => linkIssues(suite.id, instanceId ?? 0, [...selected.keys()]),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: suiteQuery(suite.id).queryKey });
      void queryClient.invalidateQueries({ queryKey: suitesQuery(project.id).queryKey });
      const count = selected.size;
      notifications.show({ color: 'green', message: `Linked ${count} ${count === 1 ? 'issue' : 'issues'} to ${suite.name}.` });
      onClose();
    },
  });

  const alreadyLinked = new Set(
    (linked.data?.links ?? []).filter((candidate) => candidate.instanceId === instanceId).map((candidate) => candidate.key),
  );
  const full = selected.size >= MAX_LINKS_AT_ONCE;

  const toggle = (issue: JiraIssueSummary, checked: boolean) =>
    setSelected((current) => {
      const next = new Map(current);
      if (checked) next.set(issue.key, issue);
      else next.delete(issue.key);
      return next;
    });

  return (
    <Modal opened onClose={onClose} title={`Link issues to ${suite.name}`} size="xl" closeOnClickOutside={false}>
      <Stack>
        <JiraIssueFinder
          project={project}
          instanceId={instanceId}
          onInstanceChange={(chosen) => {
            choose(chosen);
            setSelected(new Map());
          }}
          linkedKeys={alreadyLinked}
          action={{
            header: 'Selected',
            first: true,
            render: (issue, isLinked) => {
              const isSelected = selected.has(issue.key);
              return (
                <Checkbox
                  aria-label={`Select ${issue.key}`}
                  checked={isLinked || isSelected}
                  disabled={isLinked || (full && !isSelected)}
                  onChange={(event) => toggle(issue, event.currentTarget.checked)}
                />
              );
            },
          }}
        />
        {link.isError &&
          (isJiraAuthRequired(link.error) && instanceId !== undefined ? (
            <NeedsJiraAccount
              error={link.error}
              instanceId={instanceId}
              actionLabel="Authenticate and link"
              onAuthenticated={() => link.mutate()}
            />
          ) : (
            <Alert color="red" role="alert" title="Could not link the issues">
              {describeError(link.error)}
            </Alert>
          ))}
        <Group justify="space-between">
          <Text size="sm" c="dimmed" aria-live="polite">
            {selected.size === 0
              ? 'No issue selected'
              : `${selected.size} selected${full ? ` (at most ${MAX_LINKS_AT_ONCE} at a time)` : ''}: ${[...selected.keys()].join(', ')}`}
          </Text>
          <Group gap="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button onClick={() => link.mutate()} disabled={selected.size === 0 || instanceId === undefined} loading={link.isPending}>
              {selected.size > 1 ? `Link ${selected.size} issues` : 'Link'}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
