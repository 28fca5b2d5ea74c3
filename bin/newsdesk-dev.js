#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx, a development dependency): what the tests and `npm run dev`
// use, so they never run a stale build. Operators run bin/newsdesk.js, the compiled build.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/run.ts');
