import { EventEmitter } from 'node:events';
import { pino, type Logger } from 'pino';

/** How {@link FakeStore} answers: normally, by rejecting, by never settling, or keyv-style (emit + undefined). */
export type FakeMode = 'ok' | 'reject' | 'hang' | 'emit';

/** A keyv adapter whose failure mode tests switch at will. */
export class FakeStore extends EventEmitter {
  opts = { dialect: 'fake', url: 'fake://' };
  namespace?: string;
  mode: FakeMode = 'ok';
  calls = 0;
  readonly data = new Map<string, unknown>();

  private act<R>(ok: () => R, failed: R): Promise<R> {
    this.calls++;
    switch (this.mode) {
      case 'ok':
        return Promise.resolve(ok());
      case 'reject':
        return Promise.reject(Object.assign(new Error('connection refused'), { code: 'ECONNREFUSED' }));
      case 'hang':
        return new Promise<R>(() => undefined);
      case 'emit':
        this.emit('error', new Error('store offline'));
        return Promise.resolve(failed);
    }
  }

  get(key: string) {
    return this.act(() => this.data.get(key), undefined);
  }
  set(key: string, value: unknown) {
    return this.act(() => {
      this.data.set(key, value);
      return true;
    }, false);
  }
  delete(key: string) {
    return this.act(() => this.data.delete(key), false);
  }
  clear() {
    return this.act(() => this.data.clear(), undefined);
  }
}

/** A structured log line as captured. */
export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/** A real pino logger whose lines are parsed into `lines`. */
export function captureLogger(): { logger: Logger; lines: LogLine[]; text: () => string } {
  const lines: LogLine[] = [];
  const raw: string[] = [];
  const logger = pino(
    { level: 'debug' },
    {
      write(line: string) {
        raw.push(line);
        lines.push(JSON.parse(line) as LogLine);
      },
    },
  );
  return { logger, lines, text: () => raw.join('') };
}

/** Lines at warn level (40). */
export const warnings = (lines: LogLine[]) => lines.filter((l) => l.level === 40);

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
