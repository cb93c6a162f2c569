import { Badge, Button, Code, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatTestDuration } from '../../../lib/format';
import type { Attempt } from '../api';
import { OUTCOME } from '../automation';
import { TrendBadge } from '../TrendBadge';
import classes from './Execution.module.css';

type AutomatedRun = NonNullable<Attempt['automated']>;

const OUTCOME_COLOR = { passed: 'green', failed: 'red', error: 'red', skipped: 'gray' } as const;

interface AutomatedResultProps {
  run: AutomatedRun;
  /** Offered on a failure the tester may act on (the latest attempt, with the right to execute). */
  onRaiseDefect?: () => void;
  raising: boolean;
}

/** What CI reported for this attempt: outcome, duration, trend, the failure and its stack trace, the test's output. */
export function AutomatedResult({ run, onRaiseDefect, raising }: AutomatedResultProps) {
  const failed = run.outcome === 'failed' || run.outcome === 'error';
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="automated-result-title">
      <Stack gap="sm">
        <Group justify="space-between" align="center">
          <Group gap="sm" align="center">
            <Title order={3} id="automated-result-title">
              Automated result
            </Title>
            {run.outcome && (
              <Badge color={OUTCOME_COLOR[run.outcome]} variant="light" tt="none">
                {OUTCOME[run.outcome]}
              </Badge>
            )}
            {run.trend && <TrendBadge trend={run.trend} />}
            {run.durationMs !== null && run.durationMs !== undefined && (
              <Text size="sm" c="dimmed">
                took {formatTestDuration(run.durationMs)}
              </Text>
            )}
          </Group>
          {failed && onRaiseDefect && (
            <Button size="xs" color="red" variant="light" loading={raising} onClick={onRaiseDefect} aria-haspopup="dialog">
              Create Jira defect
            </Button>
          )}
        </Group>
        {(run.failureType || run.failureMessage) && (
          <div>
            <Text size="sm" fw={600}>
              {run.failureType ?? 'Failure'}
            </Text>
            <Code block className={classes.output} tabIndex={0} role="region" aria-label="Failure message">
              {run.failureMessage || '(no message)'}
            </Code>
          </div>
        )}
        {run.stackTrace && <Output label="Stack trace">{run.stackTrace}</Output>}
        {run.systemOut && <Output label="Standard output">{run.systemOut}</Output>}
        {run.systemErr && <Output label="Standard error">{run.systemErr}</Output>}
        {!failed && !run.systemOut && !run.systemErr && (
          <Text size="sm" c="dimmed">
            {run.outcome === 'skipped' ? 'The test tool skipped this test.' : 'Nothing else was reported.'}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

/** Long text folded under its name (a native disclosure: keyboard and screen readers know it). */
function Output({ label, children }: { label: string; children: ReactNode }) {
  return (
    <details className={classes.disclosure}>
      <summary>
        <Text component="span" size="sm" fw={600}>
          {label}
        </Text>
      </summary>
      <Code block className={classes.output} tabIndex={0} role="region" aria-label={label}>
        {children}
      </Code>
    </details>
  );
}
