import { notifications } from '@mantine/notifications';
import { isApiError } from '../../api/ApiError';

/** The parts of a Mantine form that an API error may land on. */
interface FieldErrorTarget {
  getValues: () => object;
  setFieldError: (path: string, error: string) => void;
}

/**
 * Shows an API error where it belongs: next to the named field when the server blamed one the
 * form has, otherwise as a notification.
 */
export function showApiError(error: unknown, title: string, form?: FieldErrorTarget): void {
  if (isApiError(error) && error.field !== undefined && form && error.field in form.getValues()) {
    form.setFieldError(error.field, error.message);
    return;
  }
  notifications.show({ color: 'red', title, message: describeError(error) });
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : 'Something went wrong.';
}
