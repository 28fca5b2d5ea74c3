/** A worker for the WorkerPool tests: echoes, spins the CPU, throws or exits on request. */
import { serveTasks } from '../../src/worker-pool.js';

export type TestTask =
  | { op: 'echo'; value: string }
  | { op: 'spin'; ms: number }
  | { op: 'throw'; reason: string }
  | { op: 'exit' };

class ReasonedError extends Error {
  override readonly name = 'ReasonedError';
  constructor(readonly reason: string) {
    super(`failed because ${reason}`);
  }
}

serveTasks((task: TestTask) => {
  switch (task.op) {
    case 'echo':
      return task.value;
    case 'spin': {
      const end = Date.now() + task.ms;
      while (Date.now() < end) {
        /* a synchronous runaway, as a hostile page makes Readability */
      }
      return 'spun';
    }
    case 'throw':
      throw new ReasonedError(task.reason);
    case 'exit':
      process.exit(3);
  }
});
