/** One entry of Discord's `_errors` arrays inside a 50035 "Invalid Form Body" error. */
export interface FieldError {
  code: string;
  message: string;
}

/** Discord's nested error tree: `{ content: { _errors: [...] }, embeds: { 0: { title: { _errors } } } }`. */
export interface ErrorTree {
  [key: string]: ErrorTree | FieldError[];
}

/** The JSON body Discord sends with a 4xx: `{ message, code }` plus `errors` for form errors. */
export interface DiscordErrorBody {
  message: string;
  code: number;
  errors?: ErrorTree;
}

/** Thrown by route handlers; the server turns it into an HTTP response with Discord's error body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: DiscordErrorBody | Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body.message === 'string' ? body.message : `HTTP ${status}`);
    this.name = 'HttpError';
  }
}

/** Known Discord JSON error codes with the HTTP status and message Discord uses for them. */
export const DiscordErrors = {
  notFound: { status: 404, code: 0, message: '404: Not Found' },
  unauthorized: { status: 401, code: 0, message: '401: Unauthorized' },
  unknownApplication: { status: 404, code: 10002, message: 'Unknown Application' },
  unknownChannel: { status: 404, code: 10003, message: 'Unknown Channel' },
  unknownGuild: { status: 404, code: 10004, message: 'Unknown Guild' },
  unknownMember: { status: 404, code: 10007, message: 'Unknown Member' },
  unknownMessage: { status: 404, code: 10008, message: 'Unknown Message' },
  unknownWebhook: { status: 404, code: 10015, message: 'Unknown Webhook' },
  unknownInteraction: { status: 404, code: 10062, message: 'Unknown interaction' },
  maxPins: { status: 400, code: 30003, message: 'Maximum number of pins reached (250)' },
  alreadyAcknowledged: { status: 400, code: 40060, message: 'Interaction has already been acknowledged.' },
  missingAccess: { status: 403, code: 50001, message: 'Missing Access' },
  emptyMessage: { status: 400, code: 50006, message: 'Cannot send an empty message' },
  missingPermissions: { status: 403, code: 50013, message: 'Missing Permissions' },
  invalidFormBody: { status: 400, code: 50035, message: 'Invalid Form Body' },
} as const;

/** Name of one of the {@link DiscordErrors}. */
export type DiscordErrorName = keyof typeof DiscordErrors;

/** Builds the {@link HttpError} for a known Discord error. */
export function discordError(name: DiscordErrorName, errors?: ErrorTree): HttpError {
  const { status, code, message } = DiscordErrors[name];
  return new HttpError(status, errors ? { message, code, errors } : { message, code });
}

/** `{ _errors: [...] }` leaf for an error tree. */
export function leaf(code: string, message: string): ErrorTree {
  return { _errors: [{ code, message }] };
}
