import { Alert, Button, Group, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { isApiError } from '../../api/ApiError';
import { describeError, showApiError } from '../../lib/forms/showApiError';
import type { CallbackFailure } from './callbackFailure';

interface VerificationCodeFormProps<T> {
  /** "Configure" (administrator) or "Authenticate" (end user). */
  submitLabel: string;
  verify: (verificationCode: string) => Promise<T>;
  onVerified: (result: T) => void;
  /** Starts a new flow: offered when the code can no longer be redeemed. */
  onRestart: () => void;
  /** Buttons shown before the submit button, e.g. Back. */
  extraActions?: ReactNode;
  /** What the callback page reported when it could not give a code: this flow is over. */
  callbackFailure?: CallbackFailure | null;
}

// 16 characters of Crockford base 32 in groups of four; the server forgives case, spaces and dashes.
const CODE_LENGTH = 16;

function validateCode(value: string): string | null {
  const compact = value.replace(/[\s-]/g, '');
  if (!compact) return 'Paste the verification code from the callback page';
  if (compact.length !== CODE_LENGTH) return 'The code has 16 letters and digits, like ABCD-EFGH-JKMN-PQRS';
  return null;
}

/** Step 2 of both flows: paste the code from the callback page and redeem it. */
export function VerificationCodeForm<T>({
  submitLabel,
  verify,
  onVerified,
  onRestart,
  extraActions,
  callbackFailure,
}: VerificationCodeFormProps<T>) {
  const form = useForm({ initialValues: { verificationCode: '' }, validate: { verificationCode: validateCode } });
  const [failure, setFailure] = useState<{ message: string; restart: boolean } | null>(null);

  const redeem = useMutation({
    mutationFn: ({ verificationCode }: { verificationCode: string }) => verify(verificationCode.trim()),
    onSuccess: onVerified,
    onError: (error) => {
      // 409: the grant is for another site or the configuration changed meanwhile; 429: too many
      // wrong codes. Either way this flow is over and only a new one can succeed.
      if (isApiError(error, 409) || isApiError(error, 429)) {
        setFailure({ message: describeError(error), restart: true });
      } else {
        showApiError(error, 'Could not check the verification code', form);
      }
    },
  });

  return (
    <form
      onSubmit={form.onSubmit((values) => {
        setFailure(null);
        redeem.mutate(values);
      })}
      noValidate
    >
      <Stack gap="sm">
        <TextInput
          label="Verification code"
          description="Shown on the Testbridge page that Jira sent you to"
          placeholder="XXXX-XXXX-XXXX-XXXX"
          autoComplete="one-time-code"
          spellCheck={false}
          withAsterisk
          // Shown when Step 1's link was opened: the keyboard continues here, not on the removed link.
          data-autofocus
          autoFocus
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', letterSpacing: '0.05em' } }}
          {...form.getInputProps('verificationCode')}
        />
        {callbackFailure && !failure && (
          <Alert color="red" role="alert" title={callbackFailure.title}>
            <Stack gap="xs" align="flex-start">
              {callbackFailure.message}
              <Button size="xs" variant="light" color="red" onClick={onRestart}>
                Start again
              </Button>
            </Stack>
          </Alert>
        )}
        {failure && (
          <Alert color="red" role="alert" title="The connection was refused">
            <Stack gap="xs" align="flex-start">
              {failure.message}
              {failure.restart && (
                <Button size="xs" variant="light" color="red" onClick={onRestart}>
                  Start again
                </Button>
              )}
            </Stack>
          </Alert>
        )}
        <Group justify="flex-end">
          {extraActions}
          <Button type="submit" loading={redeem.isPending}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
