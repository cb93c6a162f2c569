/** An error answer of the Testbridge API: `{"error":{"code":"…","message":"…","field":"…"}}`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** The JSON field of the request to blame, for 400 validation errors. */
  readonly field: string | undefined;
  /** From the Retry-After header of a 429 answer. */
  readonly retryAfterSeconds: number | undefined;
  /** The Jira instance to authenticate with, for `jira_auth_required`. */
  readonly instanceId: number | undefined;
  /**
   * The error object's other members, what the client needs to act on some errors: `current` (the
   * case as saved now) of `edit_conflict`, `problems` of a refused CSV import.
   */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    status: number,
    code: string,
    message: string,
    field?: string,
    retryAfterSeconds?: number,
    instanceId?: number,
    details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
    this.retryAfterSeconds = retryAfterSeconds;
    this.instanceId = instanceId;
    this.details = details;
  }

  static fromResponse(response: Response, body: unknown): ApiError {
    const retryAfter = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
    const retryAfterSeconds = Number.isNaN(retryAfter) ? undefined : retryAfter;
    if (isErrorBody(body)) {
      const { code, message, field, instanceId, ...details } = body.error;
      const instance = typeof instanceId === 'number' ? instanceId : undefined;
      return new ApiError(response.status, code, message, field, retryAfterSeconds, instance, details);
    }
    const message = `The server answered ${response.status} ${response.statusText}`.trim() + '.';
    return new ApiError(response.status, 'http_' + response.status, message, undefined, retryAfterSeconds);
  }

  static network(): ApiError {
    return new ApiError(0, 'network_error', 'Testbridge could not be reached. Check your connection and try again.');
  }
}

interface ErrorBody {
  error: { code: string; message: string; field?: string; instanceId?: unknown; [detail: string]: unknown };
}

function isErrorBody(body: unknown): body is ErrorBody {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error: unknown = body.error;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    'message' in error &&
    typeof error.message === 'string' &&
    (!('field' in error) || error.field === undefined || typeof error.field === 'string')
  );
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

/** The code of a 401 that asks the user to authenticate with a Jira instance, not to log in again. */
export const JIRA_AUTH_REQUIRED = 'jira_auth_required';

export function isJiraAuthRequired(error: unknown): error is ApiError {
  return isApiError(error, 401) && error.code === JIRA_AUTH_REQUIRED;
}
