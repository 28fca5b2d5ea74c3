import { pino, type Logger, type Level } from 'pino';
import { prettyFactory } from 'pino-pretty';

export type { Logger };

/** Replaces every occurrence of a secret value, as is or as escaped inside a JSON string, with a marker. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret) continue;
    for (const form of new Set([secret, JSON.stringify(secret).slice(1, -1)])) {
      if (out.includes(form)) out = out.split(form).join('[redacted]');
    }
  }
  return out;
}

/**
 * Turns one JSON log line into a readable one ("[12:00:01.234] INFO: connected as ..." and the fields
 * indented below), synchronously, so that nothing is lost when the process exits right after logging.
 */
export function prettyLines(options: { colorize: boolean }): (line: string) => string {
  const prettify = prettyFactory({
    colorize: options.colorize,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,app',
    singleLine: false,
  });
  return (line) => prettify(line);
}

/**
 * A pino logger writing JSON lines to stderr (stdout belongs to the console transport), with secret
 * values scrubbed from every line whatever field they ended up in. `pretty` (LOG_PRETTY) writes readable
 * lines instead (pino-pretty, in-process and synchronous); they are made from the scrubbed JSON line.
 */
export function createLogger(options: {
  level: Level | 'silent';
  secrets?: readonly string[];
  write?: (line: string) => void;
  pretty?: boolean;
}): Logger {
  const secrets = options.secrets ?? [];
  const out = options.write ?? ((line: string) => void process.stderr.write(line));
  const pretty = options.pretty ? prettyLines({ colorize: !options.write && process.stderr.isTTY }) : null;
  const write = pretty ? (line: string) => out(pretty(line)) : out;
  return pino(
    {
      level: options.level,
      base: { app: 'newsdesk' },
      redact: {
        paths: ['token', 'apiKey', 'headers.authorization', '*.authorization'],
        censor: '[redacted]',
      },
      serializers: { err: pino.stdSerializers.err },
    },
    { write: (line: string) => write(scrubSecrets(line, secrets)) },
  );
}
