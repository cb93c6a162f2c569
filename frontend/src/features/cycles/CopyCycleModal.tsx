import { Button, Group, Radio, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Modal } from '../../components/dialogs';
import { showApiError } from '../../lib/forms/showApiError';
import { copyCycle, cyclesKey, type Cycle } from './api';
import { CycleFields, DiscardQuestion, cycleBody, useDiscardGuard, validateCycle, valuesOfCycle, type CycleFormValues } from './CycleFormModal';
import { cyclePath } from './paths';

type WhichCases = 'all' | 'unfinished';

/**
 * "Copy for next build": a new cycle with the same cases (all, or those not passed) at their
 * newest versions and with the same assignees; the tester changes the build and dates.
 */
export function CopyCycleModal({ projectId, cycle, onClose }: { projectId: number; cycle: Cycle; onClose: () => void }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [cases, setCases] = useState<WhichCases>('all');
  const form = useForm<CycleFormValues>({
    initialValues: { ...valuesOfCycle(cycle), name: `${cycle.name} (next build)`, build: '', plannedStart: '', plannedEnd: '' },
    validate: validateCycle,
  });

  const copy = useMutation({
    mutationFn: (values: CycleFormValues) => copyCycle(cycle.id, { ...cycleBody(values), cases }),
    onSuccess: (copied) => {
      void queryClient.invalidateQueries({ queryKey: cyclesKey(projectId) });
      notifications.show({ color: 'green', message: `Planned ${copied.name} with ${copied.progress.total} cases of ${cycle.name}.` });
      onClose();
      void navigate(cyclePath(projectId, copied.id));
    },
    onError: (error) => showApiError(error, 'Could not copy the test cycle', form),
  });
  const guard = useDiscardGuard(() => form.isDirty() && !copy.isPending, onClose);

  return (
    <Modal opened onClose={guard.onModalClose} title={`Copy ${cycle.name} for the next build`} size="lg">
      <form onSubmit={form.onSubmit((values) => copy.mutate(values))} noValidate>
        <Stack>
          <CycleFields form={form} />
          <Radio.Group label="Cases to run again" value={cases} onChange={(value) => setCases(value as WhichCases)}>
            <Stack gap="xs" mt="xs">
              <Radio value="all" label={`All ${cycle.progress.total} cases`} />
              <Radio value="unfinished" label={`Only those not passed (${cycle.progress.total - cycle.progress.PASS})`} />
            </Stack>
          </Radio.Group>
          {guard.asking ? (
            <DiscardQuestion question={`Discard the copy of ${cycle.name}?`} onKeep={guard.keep} onDiscard={onClose} />
          ) : (
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" loading={copy.isPending}>
                Copy cycle
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Modal>
  );
}
