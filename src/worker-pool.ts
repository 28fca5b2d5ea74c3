import { parentPort, Worker } from 'node:worker_threads';
import { errorMessage } from './errors.js';

/** Options for {@link WorkerPool}. */
export interface WorkerPoolOptions {
  /** The worker module, named with its `.js` specifier (the `.ts` source is used when running from source). */
  entry: URL;
  /** What the pool does, for error messages ("page extraction"). */
  name: string;
  /** Workers at most (default 2); each runs one task at a time, started on demand. */
  size?: number;
  /** A task running longer ends its worker (a fresh one takes its place) and rejects. */
  timeoutMs: number;
  /** Heap limit per worker, MiB (default 256): a hostile input cannot exhaust the process's memory. */
  maxHeapMb?: number;
  /** Tasks waiting for a worker at most (default 100); more reject at once. */
  maxQueue?: number;
}

/** A task that ran past its time limit, or that the pool could not take. */
export class WorkerTaskError extends Error {
  override readonly name = 'WorkerTaskError';
  constructor(
    readonly reason: 'timeout' | 'busy' | 'crashed' | 'closed',
    message: string,
  ) {
    super(message);
  }
}

/** What a worker sends back: the value, or the error as plain data (name, message, extra fields). */
type TaskResponse<Res> =
  | { id: number; value: Res }
  | { id: number; error: { name: string; message: string; data?: Record<string, unknown> } };

interface Task<Req, Res> {
  id: number;
  request: Req;
  resolve: (value: Res) => void;
  reject: (err: Error) => void;
}

interface Slot<Req, Res> {
  worker: Worker;
  task: Task<Req, Res> | null;
  timer: NodeJS.Timeout | null;
}

/** Running from TypeScript sources (tsx, vitest): workers need tsx registered first (worker-boot.mjs). */
const FROM_SOURCE = import.meta.url.endsWith('.ts');

/**
 * A small pool of worker threads for CPU-bound work on untrusted input (page extraction, feed parsing):
 * the event loop, and with it Discord's 3-second acknowledgements, never waits for it. Each task has a
 * time limit; a worker that overruns is terminated, which is the only way to stop a runaway synchronous
 * parse. Idle workers do not keep the process alive.
 */
export class WorkerPool<Req, Res> {
  readonly #options: Required<WorkerPoolOptions>;
  readonly #slots = new Set<Slot<Req, Res>>();
  readonly #queue: Task<Req, Res>[] = [];
  #nextId = 1;

  constructor(options: WorkerPoolOptions) {
    this.#options = { size: 2, maxHeapMb: 256, maxQueue: 100, ...options };
  }

  /** Runs one task on a worker; rejects with the worker's error (same name and message) or a WorkerTaskError. */
  run(request: Req): Promise<Res> {
    if (this.#queue.length >= this.#options.maxQueue)
      return Promise.reject(new WorkerTaskError('busy', `${this.#options.name} is busy; try again shortly`));
    return new Promise<Res>((resolve, reject) => {
      this.#queue.push({ id: this.#nextId++, request, resolve, reject });
      this.#dispatch();
    });
  }

  /** Stops every worker; running and queued tasks reject. A later task starts a fresh worker. */
  async close(): Promise<void> {
    const closed = new WorkerTaskError('closed', `${this.#options.name} closed`);
    for (const task of this.#queue.splice(0)) task.reject(closed);
    await Promise.all([...this.#slots].map((slot) => this.#retire(slot, closed)));
  }

  #dispatch(): void {
    while (this.#queue.length) {
      let slot = [...this.#slots].find((s) => !s.task);
      if (!slot) {
        if (this.#slots.size >= this.#options.size) return;
        slot = this.#start();
      }
      const task = this.#queue.shift()!;
      slot.task = task;
      slot.timer = setTimeout(() => {
        void this.#retire(
          slot,
          new WorkerTaskError(
            'timeout',
            `${this.#options.name} took longer than ${String(this.#options.timeoutMs)} ms`,
          ),
        );
      }, this.#options.timeoutMs);
      slot.worker.ref();
      slot.worker.postMessage({ id: task.id, request: task.request });
    }
  }

  #start(): Slot<Req, Res> {
    const resourceLimits = { maxOldGenerationSizeMb: this.#options.maxHeapMb };
    const worker = FROM_SOURCE
      ? new Worker(new URL('./worker-boot.mjs', import.meta.url), {
          workerData: { entry: this.#options.entry.href.replace(/\.js$/, '.ts') },
          resourceLimits,
        })
      : new Worker(this.#options.entry, { resourceLimits });
    worker.unref();
    const slot: Slot<Req, Res> = { worker, task: null, timer: null };
    worker.on('message', (response: TaskResponse<Res>) => {
      this.#settle(slot, response);
    });
    const crashed = (message: string) => {
      if (this.#slots.has(slot)) void this.#retire(slot, new WorkerTaskError('crashed', message));
    };
    worker.on('error', (err) => {
      crashed(`${this.#options.name} failed: ${err.message}`);
    });
    worker.on('exit', (code) => {
      crashed(`${this.#options.name} stopped unexpectedly (exit code ${String(code)})`);
    });
    this.#slots.add(slot);
    return slot;
  }

  #settle(slot: Slot<Req, Res>, response: TaskResponse<Res>): void {
    const task = slot.task;
    if (task?.id !== response.id) return;
    if (slot.timer) clearTimeout(slot.timer);
    slot.task = null;
    slot.timer = null;
    slot.worker.unref();
    if ('value' in response) task.resolve(response.value);
    else
      task.reject(
        Object.assign(new Error(response.error.message), { name: response.error.name }, response.error.data),
      );
    this.#dispatch();
  }

  /** Ends a worker (its task, if any, rejects with `err`); queued tasks go to a fresh one. */
  async #retire(slot: Slot<Req, Res>, err: Error): Promise<void> {
    if (!this.#slots.delete(slot)) return;
    if (slot.timer) clearTimeout(slot.timer);
    slot.task?.reject(err);
    slot.task = null;
    await slot.worker.terminate();
    this.#dispatch();
  }
}

/**
 * The worker side: answers each task with `handler`'s value, or its error as plain data (`name`,
 * `message`, and the error's own enumerable fields, e.g. a parse error's reason).
 */
export function serveTasks(handler: (request: never) => unknown): void {
  const port = parentPort;
  if (!port) throw new Error('serveTasks must run in a worker thread');
  port.on('message', (message: { id: number; request: never }) => {
    void (async () => {
      try {
        port.postMessage({ id: message.id, value: await handler(message.request) });
      } catch (err) {
        port.postMessage({
          id: message.id,
          error: {
            name: err instanceof Error ? err.name : 'Error',
            message: errorMessage(err),
            data: ownFields(err),
          },
        });
      }
    })();
  });
}

/** An error's own fields that survive a trip between threads as plain data (e.g. a parse error's reason). */
function ownFields(err: unknown): Record<string, unknown> | undefined {
  if (!(err instanceof Error)) return undefined;
  try {
    return JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(err)))) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
