/**
 * The `newsdesk` process: runs the command named on the command line and exits with its code. Loaded by
 * bin/newsdesk.js from the compiled build (dist/), and by bin/newsdesk-dev.js and `npm run dev` from the
 * TypeScript sources (tsx).
 */
import { main } from './main.js';

const code = await main(process.argv.slice(2));
process.exitCode = code;
// Everything is closed by now; do not let a lingering socket keep a finished command alive.
setTimeout(() => process.exit(code), 1500).unref();
