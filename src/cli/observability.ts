import type { App } from '../app.js';
import { secretValues } from '../config.js';
import type { DiscordConnection } from '../discord/connect.js';
import { transportReady } from '../health/checks.js';
import { startHealthServer, type HealthServer } from '../health/health-server.js';
import { scrubSecrets } from '../logger.js';

/**
 * Starts the health and metrics server when HEALTH_PORT is set (else resolves null): /readyz checks
 * the database and the cache, and, with Discord, that the client is ready. Start it before connecting,
 * so /readyz answers 503 until Discord's READY; on shutdown call `setShuttingDown()` first and `close()`
 * last.
 */
export async function startObservability(
  app: App,
  discord: Pick<DiscordConnection, 'ready'> | null,
): Promise<HealthServer | null> {
  const { config, logger } = app;
  if (!config.health) return null;
  const secrets = secretValues(config);
  return startHealthServer({
    ...config.health,
    logger,
    checks: [...(discord ? [transportReady('discord', () => discord.ready())] : []), ...app.readiness],
    metrics: () => app.metrics.render(),
    redact: (text) => scrubSecrets(text, secrets),
  });
}
