import type { App } from '../app.js';
import type { Logger } from '../logger.js';

/** The signals that stop the bot: what Docker, systemd and pm2 send, and Ctrl-C. */
export const STOP_SIGNALS = ['SIGTERM', 'SIGINT'] as const;
export type StopSignal = (typeof STOP_SIGNALS)[number];

/** What a stop has to wind down, besides the app itself. */
export interface StopParts {
  app: Pick<App, 'dispatcher' | 'digests' | 'poller' | 'cutOffLlm' | 'close'>;
  /** Stops receiving and disconnects the transport (Discord: destroys the client). */
  stopTransport?: () => Promise<void>;
  /** Called at once when the stop begins (e.g. so that a readiness probe answers 503 from then on). */
  onDraining?: () => void;
}

/** How a stop went, for its one log line. */
export interface StopReport {
  ms: number;
  /** Commands and button presses that were in flight when the stop began. */
  inFlight: number;
  /** True when the grace was nearly over and LLM calls were cut short (those got the extractive briefing). */
  cutShort: boolean;
  /** Answers still unfinished when the transport was stopped (0 unless something hung). */
  abandoned: number;
}

/**
 * Winds the bot down within `graceMs`: new commands are answered "restarting" at once; feed polling stops;
 * answers and digest runs in flight get the grace to finish, and when it is nearly over (the last quarter,
 * at most 2 s) their LLM calls are cut short so they answer with the extractive briefing; then the
 * transport disconnects and the stores are flushed and closed.
 */
export async function gracefulStop(
  parts: StopParts,
  options: { graceMs: number; now?: () => number },
): Promise<StopReport> {
  const now = options.now ?? Date.now;
  const started = now();
  const { app } = parts;
  const inFlight = app.dispatcher.busy;
  app.dispatcher.drain();
  parts.onDraining?.();
  const reserve = Math.min(2_000, options.graceMs / 4);
  const main = options.graceMs - reserve;
  const pollerStopped = app.poller.stop(main);
  const digestsStopped = app.digests.stop(main);
  let cutShort = false;
  if (!(await app.dispatcher.idle(main))) {
    cutShort = true;
    app.cutOffLlm();
    await app.dispatcher.idle(Math.max(0, started + options.graceMs - now()));
  }
  await Promise.all([pollerStopped, digestsStopped]);
  const abandoned = app.dispatcher.busy;
  await parts.stopTransport?.();
  await app.close();
  return { ms: now() - started, inFlight, cutShort, abandoned };
}

/**
 * Resolves with the first stop signal. A second one while stopping ends the process at once (the
 * operator's "really stop"), and a stop that overruns `graceMs` by more than 1.5 s is ended too.
 */
export function untilStopSignal(options: { graceMs: number; logger: Logger }): Promise<StopSignal> {
  return new Promise((resolve) => {
    let received: StopSignal | null = null;
    let receivedAt = 0;
    const onSignal = (signal: StopSignal) => {
      // The same stop delivered twice (to the process group, and by the shard manager): not a second one.
      if (received && Date.now() - receivedAt < 1_000) return;
      if (received) {
        options.logger.warn({ signal }, 'second stop signal: exiting now');
        process.exit(1);
      }
      received = signal;
      receivedAt = Date.now();
      setTimeout(() => {
        options.logger.error({ graceMs: options.graceMs }, 'shutdown overran SHUTDOWN_GRACE: exiting now');
        process.exit(1);
      }, options.graceMs + 1_500).unref();
      resolve(signal);
    };
    for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  });
}
