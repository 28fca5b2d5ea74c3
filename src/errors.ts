import { tm, type Msg } from './i18n/index.js';

/**
 * An error whose message is written for the member who triggered it. The dispatcher shows it
 * (ephemeral) in the member's locale: give a catalogue message (`msg('key', params)`); `message` is its
 * English text, for logs. Anything else is logged with an error id and the member only sees that id.
 */
export class UserFacingError extends Error {
  override readonly name = 'UserFacingError';
  /** The catalogue message, or null when the error was made from plain (English) text. */
  readonly msg: Msg | null;

  constructor(message: string | Msg, options?: ErrorOptions) {
    super(tm('en', message), options);
    this.msg = typeof message === 'string' ? null : message;
  }

  /** The message in a reader's locale (English text when made from plain text). */
  text(locale: string | null | undefined): string {
    return this.msg ? tm(locale, this.msg) : this.message;
  }
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
