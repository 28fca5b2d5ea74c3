import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startHealthServer, type HealthServer, type ReadinessCheck } from '../../src/health/health-server.js';
import { recordingLogger } from '../support/app-fixtures.js';

const servers: HealthServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(checks: ReadinessCheck[], extra: { checkTimeoutMs?: number } = {}) {
  const log = recordingLogger('info');
  const server = await startHealthServer({
    port: 0,
    host: '127.0.0.1',
    checks,
    logger: log.logger,
    metrics: async () => ({ contentType: 'text/plain; version=0.0.4', body: 'newsdesk_up 1\n' }),
    redact: (text) => text.replaceAll('hunter2', '[redacted]'),
    ...extra,
  });
  servers.push(server);
  const url = (path: string) => `http://127.0.0.1:${server.port}${path}`;
  return { server, url, log };
}

const passing = (name: string): ReadinessCheck => ({ name, run: () => undefined });

describe('health server', () => {
  it('answers /healthz with 200 and /readyz with 200 when every check passes, naming each', async () => {
    const { url, server } = await start([passing('discord'), passing('database')]);
    expect(server.port).toBeGreaterThan(0);
    const health = await fetch(url('/healthz'));
    expect(health.status).toBe(200);
    expect(health.headers.get('cache-control')).toBe('no-store');
    const ready = await fetch(url('/readyz'));
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { status: string; checks: Record<string, { ok: boolean }> };
    expect(body.status).toBe('ready');
    expect(Object.keys(body.checks)).toEqual(['discord', 'database']);
    expect(body.checks.discord!.ok).toBe(true);
  });

  it('answers /readyz with 503 when a check throws, rejects or hangs, and says which and why', async () => {
    let discordUp = false;
    const { url, log } = await start(
      [
        {
          name: 'discord',
          run: () => (discordUp ? undefined : Promise.reject(new Error('not connected yet'))),
        },
        { name: 'cache', run: () => new Promise(() => undefined), timeoutMs: 100 },
        {
          name: 'database',
          run: () => {
            throw new Error('locked by hunter2');
          },
        },
      ],
      { checkTimeoutMs: 1_000 },
    );
    const started = Date.now();
    const res = await fetch(url('/readyz'));
    expect(Date.now() - started).toBeLessThan(900);
    expect(res.status).toBe(503);
    const body = (await res.json()) as {
      status: string;
      checks: Record<string, { ok: boolean; error?: string }>;
    };
    expect(body.status).toBe('not_ready');
    expect(body.checks.discord).toMatchObject({ ok: false, error: 'not connected yet' });
    expect(body.checks.cache).toMatchObject({ ok: false, error: 'no answer within 100 ms' });
    expect(body.checks.database).toMatchObject({ ok: false, error: 'locked by [redacted]' });
    expect(log.text()).not.toContain('hunter2');
    discordUp = true;
    expect((await fetch(url('/readyz'))).status).toBe(503); // the others still fail
    expect(log.lines.filter((l) => l.msg === 'not ready')).toHaveLength(1); // logged on change only
  });

  it('turns /readyz to 503 once shutdown has begun, while /healthz stays 200', async () => {
    const { url, server } = await start([passing('discord')]);
    expect((await fetch(url('/readyz'))).status).toBe(200);
    server.setShuttingDown();
    const res = await fetch(url('/readyz'));
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'shutting_down' });
    expect((await fetch(url('/healthz'))).status).toBe(200);
  });

  it('serves /metrics from the given exposition', async () => {
    const { url } = await start([]);
    const res = await fetch(url('/metrics'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4');
    expect(await res.text()).toBe('newsdesk_up 1\n');
  });

  it('answers HEAD without a body, 404 for other paths and 405 for other methods', async () => {
    const { url } = await start([passing('discord')]);
    const head = await fetch(url('/readyz'), { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect(Number(head.headers.get('content-length'))).toBeGreaterThan(0);
    expect((await fetch(url('/'))).status).toBe(404);
    expect((await fetch(url('/healthz/x'))).status).toBe(404);
    expect((await fetch(url('/healthz?verbose=1'))).status).toBe(200);
    const post = await fetch(url('/readyz'), { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('shares one run of the checks between concurrent probes', async () => {
    let runs = 0;
    const { url } = await start([
      { name: 'slow', run: () => new Promise((resolve) => setTimeout(() => resolve(++runs), 100)) },
    ]);
    const answers = await Promise.all([1, 2, 3].map(() => fetch(url('/readyz'))));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(runs).toBe(1);
  });

  it('refuses to start on a port in use, naming the setting', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const { port } = blocker.address() as { port: number };
    try {
      await expect(
        startHealthServer({ port, host: '127.0.0.1', checks: [], logger: recordingLogger().logger }),
      ).rejects.toThrow(
        `Cannot serve health checks on 127.0.0.1:${port} (HEALTH_HOST:HEALTH_PORT): the port is already in use`,
      );
    } finally {
      await new Promise<void>((r) => blocker.close(() => r()));
    }
  });

  it('stops listening on close, even with a kept-alive connection open', async () => {
    const { url, server } = await start([]);
    await fetch(url('/healthz'), { headers: { connection: 'keep-alive' } });
    await server.close();
    await server.close(); // idempotent
    await expect(fetch(url('/healthz'))).rejects.toThrow();
  });
});
