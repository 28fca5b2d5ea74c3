import type KeyvRedis from '@keyv/redis';
import { errorMessage } from '../errors.js';
import type { Logger } from '../logger.js';

/** What {@link boundedRedis} answers when Redis could not be asked in time (down, connecting, slow). */
export const REDIS_UNAVAILABLE = Symbol('redis unavailable');

/** Raw commands of a node-redis client (both v4 and v5 accept this form), and its readiness. */
interface CommandClient {
  sendCommand(args: string[]): Promise<unknown>;
  readonly isReady: boolean;
  once(event: 'ready', listener: () => void): unknown;
}

/** The client once connected: it refuses commands while connecting (the store disables the offline queue). */
async function whenReady(client: CommandClient): Promise<CommandClient> {
  if (!client.isReady) await new Promise<void>((resolve) => client.once('ready', () => resolve()));
  return client;
}

/** Sends one raw command; never throws, answers within the bound. */
export type RedisSend = (args: string[]) => Promise<unknown>;

/**
 * Raw Redis commands over the cache's connection, each bounded by `timeoutMs` (connecting included), that
 * never throw: a failure or timeout answers {@link REDIS_UNAVAILABLE}. The first failure of an outage is
 * logged once (`down`), and the first answer after it (`up`).
 */
export function boundedRedis(
  store: KeyvRedis<unknown>,
  options: {
    timeoutMs: number;
    logger: Pick<Logger, 'warn' | 'info'>;
    /** Log lines of an outage: "<down>" once, then "<up>" when Redis answers again. */
    messages: { down: string; up: string };
  },
): RedisSend & { readonly down: boolean } {
  let down = false;
  const send = async (args: string[]): Promise<unknown> => {
    let timer: NodeJS.Timeout | undefined;
    try {
      const result = await Promise.race([
        store
          .getClient()
          .then((client) => whenReady(client as unknown as CommandClient))
          .then((client) => client.sendCommand(args)),
        new Promise<typeof REDIS_UNAVAILABLE>(
          (resolve) => (timer = setTimeout(() => resolve(REDIS_UNAVAILABLE), options.timeoutMs)),
        ),
      ]);
      if (result === REDIS_UNAVAILABLE)
        throw new Error(`redis did not answer within ${options.timeoutMs} ms`);
      if (down) options.logger.info({}, options.messages.up);
      down = false;
      return result;
    } catch (err) {
      if (!down) options.logger.warn({ err: errorMessage(err) }, options.messages.down);
      down = true;
      return REDIS_UNAVAILABLE;
    } finally {
      clearTimeout(timer);
    }
  };
  return Object.defineProperty(send, 'down', { get: () => down }) as RedisSend & { readonly down: boolean };
}
