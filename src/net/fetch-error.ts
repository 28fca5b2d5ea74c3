import { UserFacingError } from '../errors.js';

/** Why a fetch failed; stable, for callers to branch on (backoff, messages, summaries). */
export type FetchErrorCode =
  | 'invalid_url'
  | 'blocked_scheme'
  | 'credentials_in_url'
  | 'blocked_address'
  | 'dns_failed'
  | 'too_many_redirects'
  | 'timeout'
  | 'aborted'
  | 'too_large'
  | 'bad_content_type'
  | 'http_error'
  | 'connection_failed';

const MESSAGES: Record<FetchErrorCode, string> = {
  invalid_url: 'That is not a valid web address.',
  blocked_scheme: 'Only http:// and https:// links can be fetched.',
  credentials_in_url: 'Links with a user name or password in them are not fetched.',
  blocked_address: 'That link points to a private or local network address, which the bot does not fetch.',
  dns_failed: "The site's name could not be found.",
  too_many_redirects: 'The link redirected too many times.',
  timeout: 'The site took too long to answer.',
  aborted: 'The fetch was cancelled.',
  too_large: 'The content is larger than the bot accepts.',
  bad_content_type: 'The link returned content of a kind the bot does not read here.',
  http_error: 'The site answered with an error.',
  connection_failed: 'Could not connect to the site.',
};

/** Extra facts about a failure. `detail` is for logs only (addresses, internal reasons), never shown to members. */
export interface FetchErrorInfo {
  /** HTTP status, for `http_error`. */
  status?: number;
  /** Internal detail for logs, e.g. `evil.test -> 10.0.0.1 (private)`. */
  detail?: string;
  /** Text appended to the user message, already safe to show (e.g. `(HTTP 404)`). */
  userHint?: string;
  cause?: unknown;
}

/**
 * A fetch refused or failed. The message is written for members; branch on `code`, log `detail`.
 * Extends `UserFacingError` so the dispatcher shows the message as is.
 */
export class FetchError extends UserFacingError {
  readonly code: FetchErrorCode;
  readonly status: number | undefined;
  readonly detail: string | undefined;

  constructor(code: FetchErrorCode, info: FetchErrorInfo = {}) {
    const message = info.userHint ? `${MESSAGES[code]} ${info.userHint}` : MESSAGES[code];
    super(message, info.cause === undefined ? undefined : { cause: info.cause });
    this.code = code;
    this.status = info.status;
    this.detail = info.detail;
  }
}

/** True when `err` is a `FetchError`, optionally with the given code. */
export function isFetchError(err: unknown, code?: FetchErrorCode): err is FetchError {
  return err instanceof FetchError && (code === undefined || err.code === code);
}
