import { pino, type Logger, type Level } from 'pino';

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
 * A pino logger writing JSON lines to stderr (stdout belongs to the console transport), with secret
 * values scrubbed from every line whatever field they ended up in.
 */
export function createLogger(options: {
  level: Level | 'silent';
  secrets?: readonly string[];
  write?: (line: string) => void;
}): Logger {
  const secrets = options.secrets ?? [];
  const write = options.write ?? ((line: string) => void process.stderr.write(line));
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
