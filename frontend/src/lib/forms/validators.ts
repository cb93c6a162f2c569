// Client-side checks that mirror the server's OpenAPI constraints, for a quicker answer.
// The server still validates everything and names the field it refuses.

export const MIN_PASSWORD_LENGTH = 12;
/** The Password schema's maxLength. */
export const MAX_PASSWORD_LENGTH = 256;

export function validateUsername(value: string): string | null {
  if (!value) return 'Enter a username';
  if (value.length < 2 || value.length > 64) return 'Use 2 to 64 characters';
  if (!/^[A-Za-z0-9][A-Za-z0-9._@-]*$/.test(value)) {
    return 'Start with a letter or digit; then use letters, digits and . _ @ -';
  }
  return null;
}

export function validateEmail(value: string): string | null {
  return /^[^\s@]+@[^\s@]+$/.test(value) ? null : 'Enter an email address';
}

export function validatePassword(value: string): string | null {
  if (value.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters`;
  if (value.length > MAX_PASSWORD_LENGTH) return `Use at most ${MAX_PASSWORD_LENGTH} characters`;
  return null;
}
