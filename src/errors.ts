/**
 * One catalogue of errors with typed codes. Errors are thrown once, with
 * context and `cause`; the CLI turns them into an exit code in one place
 * (and the server into an HTTP status).
 */

export const errorCodes = {
  CORPUS_MISSING: 'the corpus folder does not exist',
  CORPUS_EMPTY: 'the corpus holds no readable articles',
  CORPUS_SETTINGS: "a corpus folder's newsdesk.yml is not valid",
  SNAPSHOT_MISSING: 'no snapshot at that path',
  SNAPSHOT_CORRUPT: 'the snapshot is corrupt or truncated',
  SNAPSHOT_INCOMPATIBLE: 'the snapshot was written by an incompatible version',
  SNAPSHOT_WRITE_FAILED: 'the snapshot could not be written',
  USAGE: 'the command line is not valid',
  BAD_PARAMETER: 'a request parameter is not valid',
  NOT_FOUND: 'no such article or page',
  LISTEN_FAILED: 'the server could not listen on that address',
  SEARCH_TIMEOUT: 'a search ran past its hard time limit and was stopped',
  OVERLOADED: 'too many searches are waiting; try again shortly',
  RATE_LIMITED: 'one client made too many API requests; it may try again later',
  STRICT_PROBLEMS: 'the corpus had problems and --strict was given',
} as const;

export type ErrorCode = keyof typeof errorCodes;

export class NewsdeskError extends Error {
  override readonly name = 'NewsdeskError';
  readonly code: ErrorCode;
  /** The request parameter or command-line option at fault, when there is one. */
  readonly parameter: string | undefined;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; parameter?: string }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.parameter = options?.parameter;
  }
}

/** True when `error` is a NewsdeskError, optionally with the given code. */
export function isNewsdeskError(error: unknown, code?: ErrorCode): error is NewsdeskError {
  return error instanceof NewsdeskError && (code === undefined || error.code === code);
}

/** A one-line description of any thrown value, for problem reasons and logs. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
