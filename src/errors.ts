/**
 * An error whose message is written for the member who triggered it. The dispatcher shows it as is
 * (ephemeral); anything else is logged with an error id and the member only sees that id.
 */
export class UserFacingError extends Error {
  override readonly name = 'UserFacingError';
}

/** Configuration is missing or invalid. `problems` lists every bad key, without values. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Short random id shown to members and written to the log, to find the details of a failure. */
export function newErrorId(): string {
  return Math.random().toString(36).slice(2, 8).toUpperCase();
}

/** The message of any thrown value, for logs. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
