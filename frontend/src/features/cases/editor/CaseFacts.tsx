import { Anchor, List, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { formatDateTime } from '../../../lib/format';
import { useSession } from '../../auth';
import { suitePath } from '../../projects';
import type { TestCase } from '../api/types';

/** The suites the case is in, and who made and last saved it. */
export function CaseFacts({ testCase }: { testCase: TestCase }) {
  const { can } = useSession();
  return (
    <Stack gap="sm">
      <Stack gap={4} component="section" aria-labelledby="case-suites-heading">
        <Title order={3} size="h5" id="case-suites-heading">
          Suites
        </Title>
        {testCase.suites.length === 0 ? (
          <Text size="sm" c="dimmed">
            In no suite yet. Add it from the repository’s list (Add to suite…) or from a suite.
          </Text>
        ) : (
          <List size="sm" spacing={2} aria-labelledby="case-suites-heading">
            {testCase.suites.map((suite) => (
              <List.Item key={suite.id}>
                {can('SUITES_VIEW') ? (
                  <Anchor component={Link} to={suitePath(testCase.projectId, suite.id)} size="sm">
                    {suite.name}
                  </Anchor>
                ) : (
                  suite.name
                )}
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
      <Text size="xs" c="dimmed">
        Version {testCase.version}
        {testCase.updatedBy ? `, saved by ${testCase.updatedBy.name}` : ''} {formatDateTime(testCase.updatedAt)}
        {testCase.createdBy ? ` · created by ${testCase.createdBy.name} ${formatDateTime(testCase.createdAt)}` : ''}
      </Text>
    </Stack>
  );
}
