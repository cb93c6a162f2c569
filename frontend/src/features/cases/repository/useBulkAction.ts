import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { showApiError } from '../../../lib/forms/showApiError';
import { useRefreshRepository } from '../api/refresh';

/**
 * A change to the selected cases: on success the lists refresh, a notification says what
 * happened (`describe` gets the answer) and `onDone` runs (the selection is cleared).
 */
export function useBulkAction<Answer, Variables = void>(
  projectId: number,
  action: (variables: Variables) => Promise<Answer>,
  describe: (answer: Answer) => string,
  onDone: () => void,
) {
  const refresh = useRefreshRepository(projectId);
  return useMutation({
    mutationFn: action,
    onSuccess: (answer) => {
      void refresh();
      notifications.show({ color: 'green', message: describe(answer) });
      onDone();
    },
    onError: (error) => showApiError(error, 'Could not change the cases'),
  });
}
