import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { REST, Routes } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exemptInteractionResponses, isInteractionResponse } from '../../src/discord/interaction-rest.js';

let server: Server;
let api: string;
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(`${req.method ?? ''} ${req.url ?? ''} auth=${req.headers.authorization ? 'yes' : 'no'}`);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('interaction responses bypass the global rate limiter', () => {
  it('recognises the callback and the token webhook routes, only when unauthenticated', () => {
    expect(isInteractionResponse({ fullRoute: Routes.interactionCallback('123', 'tok'), auth: false })).toBe(
      true,
    );
    expect(
      isInteractionResponse({ fullRoute: Routes.webhookMessage('123', 'tok', '@original'), auth: false }),
    ).toBe(true);
    expect(isInteractionResponse({ fullRoute: Routes.webhook('123', 'tok'), auth: false })).toBe(true);
    expect(isInteractionResponse({ fullRoute: Routes.channelMessages('123'), auth: false })).toBe(false);
    expect(isInteractionResponse({ fullRoute: Routes.webhook('123', 'tok') })).toBe(false);
    expect(isInteractionResponse({ fullRoute: Routes.channelMessages('123') })).toBe(false);
  });

  it("sends them through a manager that never spends the bot's global budget; other requests still do", async () => {
    const rest = new REST({ api, version: '10', globalRequestsPerSecond: 50 }).setToken('bot-token');
    exemptInteractionResponses(rest);
    const before = rest.globalRemaining;
    await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        rest.patch(Routes.webhookMessage('123', `tok${i}`, '@original'), {
          body: { content: 'x' },
          auth: false,
        }),
      ),
    );
    await rest.post(Routes.interactionCallback('456', 'tok'), { body: { type: 5 }, auth: false });
    expect(rest.globalRemaining).toBe(before);
    expect(seen.filter((s) => s.startsWith('PATCH /v10/webhooks/123/'))).toHaveLength(120);
    expect(seen.filter((s) => s.includes('/webhooks/') && s.endsWith('auth=yes'))).toEqual([]);
    await rest.post(Routes.channelMessages('789'), { body: { content: 'y' } });
    expect(rest.globalRemaining).toBeLessThan(50);
    expect(seen.at(-1)).toBe('POST /v10/channels/789/messages auth=yes');
  });
});
