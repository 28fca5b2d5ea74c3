import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger.js';

/** One thing /readyz checks; `run` throws (or rejects) with the reason when it is not ready. */
export interface ReadinessCheck {
  name: string;
  run(): unknown;
  /** Longest the check may take before it counts as failed (default: the server's `checkTimeoutMs`). */
  timeoutMs?: number;
}

export interface HealthServerOptions {
  port: number;
  host: string;
  checks: readonly ReadinessCheck[];
  /** The Prometheus exposition for /metrics; without it, /metrics is 404. */
  metrics?: () => Promise<{ contentType: string; body: string }>;
  /** Default longest time of one check, in ms (default 2000). */
  checkTimeoutMs?: number;
  /** Scrubs secrets from check errors before they are shown or logged. */
  redact?: (text: string) => string;
  logger: Logger;
}

/** A running health server. */
export interface HealthServer {
  /** The port it listens on (the one asked for, or the one the system chose for port 0). */
  readonly port: number;
  readonly host: string;
  /**
   * From now on /readyz answers 503 `shutting_down`, whatever the checks say, so that a load balancer or
   * orchestrator stops sending work; /healthz stays 200 while the process runs. Idempotent.
   */
  setShuttingDown(): void;
  /** Stops listening and closes open connections. Idempotent. */
  close(): Promise<void>;
}

interface CheckResult {
  ok: boolean;
  ms: number;
  error?: string;
}

const TIMED_OUT = Symbol('timed out');

async function runCheck(check: ReadinessCheck, timeoutMs: number): Promise<CheckResult> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(resolve, timeoutMs, TIMED_OUT);
  });
  try {
    const outcome = await Promise.race([(async () => check.run())(), timeout]);
    const ms = Math.round(performance.now() - started);
    if (outcome === TIMED_OUT) return { ok: false, ms, error: `no answer within ${timeoutMs} ms` };
    return { ok: true, ms };
  } catch (err) {
    const text = err instanceof Error ? err.message : String(err);
    return { ok: false, ms: Math.round(performance.now() - started), error: text.slice(0, 200) };
  } finally {
    clearTimeout(timer);
  }
}

function send(res: ServerResponse, status: number, type: string, body: string, head: boolean): void {
  res.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  res.end(head ? undefined : body);
}

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * Serves, on HEALTH_HOST:HEALTH_PORT, with node:http and nothing else:
 * - `/healthz`: 200 while the process runs;
 * - `/readyz`: 200 when every check passes (each within its timeout, run in parallel; concurrent probes
 *   share one run), else 503; always 503 once {@link HealthServer.setShuttingDown} was called. The JSON
 *   body names each check, `{ status, checks: { name: { ok, ms, error? } } }`;
 * - `/metrics`: the Prometheus text format.
 * GET and HEAD only (405 otherwise); any other path is 404. Resolves once listening; rejects with a
 * clear message when the address cannot be bound.
 */
export async function startHealthServer(options: HealthServerOptions): Promise<HealthServer> {
  const { logger, checks } = options;
  const redact = options.redact ?? ((text: string) => text);
  const checkTimeoutMs = options.checkTimeoutMs ?? 2_000;
  const state = { shuttingDown: false, lastReady: null as boolean | null };
  // A function, read afresh after each await (shutdown may begin while the checks run).
  const draining = (): boolean => state.shuttingDown;
  let inFlight: Promise<Record<string, CheckResult>> | null = null;

  const readiness = (): Promise<Record<string, CheckResult>> => {
    inFlight ??= Promise.all(checks.map((c) => runCheck(c, c.timeoutMs ?? checkTimeoutMs)))
      .then((results) => {
        const named: Record<string, CheckResult> = {};
        checks.forEach((c, i) => {
          const r = results[i]!;
          named[c.name] = r.error === undefined ? r : { ...r, error: redact(r.error) };
        });
        return named;
      })
      .finally(() => (inFlight = null));
    return inFlight;
  };

  const ready = async (): Promise<{ status: number; body: string }> => {
    if (draining()) return { status: 503, body: '{"status":"shutting_down","checks":{}}' };
    const checks = await readiness();
    const ok = Object.values(checks).every((r) => r.ok);
    if (ok !== state.lastReady && !draining()) {
      // Logged on change only: probes come every few seconds.
      const failing = Object.fromEntries(Object.entries(checks).filter(([, r]) => !r.ok));
      if (ok) logger.info('ready: every readiness check passes');
      else logger.warn({ failing }, 'not ready');
      state.lastReady = ok;
    }
    const status = draining() ? 'shutting_down' : ok ? 'ready' : 'not_ready';
    return { status: status === 'ready' ? 200 : 503, body: JSON.stringify({ status, checks }) };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0];
    const head = req.method === 'HEAD';
    const known = path === '/healthz' || path === '/readyz' || (path === '/metrics' && options.metrics);
    if (!known) {
      send(res, 404, JSON_TYPE, '{"error":"not found"}', head);
    } else if (req.method !== 'GET' && !head) {
      res.setHeader('allow', 'GET, HEAD');
      send(res, 405, JSON_TYPE, '{"error":"method not allowed"}', false);
    } else if (path === '/healthz') {
      send(res, 200, JSON_TYPE, '{"status":"ok"}', head);
    } else if (path === '/metrics' && options.metrics) {
      const { contentType, body } = await options.metrics();
      send(res, 200, contentType, body, head);
    } else {
      const { status, body } = await ready();
      send(res, status, JSON_TYPE, body, head);
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      logger.error({ err, path: req.url }, 'health endpoint failed');
      if (!res.headersSent) send(res, 500, JSON_TYPE, '{"error":"internal error"}', false);
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      const why =
        err.code === 'EADDRINUSE'
          ? 'the port is already in use'
          : err.code === 'EADDRNOTAVAIL'
            ? 'this machine has no such address'
            : err.code === 'EACCES'
              ? 'permission denied (ports below 1024 need privileges)'
              : err.message;
      reject(
        new Error(
          `Cannot serve health checks on ${options.host}:${options.port} (HEALTH_HOST:HEALTH_PORT): ${why}`,
          {
            cause: err,
          },
        ),
      );
    };
    server.once('error', onError);
    server.listen(options.port, options.host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  server.on('error', (err) => logger.error({ err }, 'health server error'));
  const { port } = server.address() as AddressInfo;
  logger.info({ host: options.host, port }, 'health and metrics served');
  let closing: Promise<void> | null = null;
  return {
    port,
    host: options.host,
    setShuttingDown() {
      state.shuttingDown = true;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        state.shuttingDown = true;
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
