#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx), so a checkout needs no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
const code = await main(process.argv.slice(2));
process.exitCode = code;
// Everything is closed by now; do not let a lingering socket keep a finished command alive.
setTimeout(() => process.exit(code), 1500).unref();
