/**
 * `npx tsx .ci/dockerfile-steps.ts [--keep]`: carries out the Dockerfile's own steps outside a container
 * (no image can be built or pulled on CI's machines), then runs the result as the container would, so the
 * Dockerfile and what CI checks cannot drift apart:
 *  - the build context is a clean copy of the checkout (the files git knows, less .dockerignore);
 *  - each stage is a folder standing in for the image's file system: WORKDIR, COPY (also --from a stage),
 *    ENV, ARG, VOLUME are applied to it, RUN commands run in it with the stage's ENV (npm ci, the build, the
 *    prune: what the Dockerfile says). `apt-get install` makes sure the packages are on this host (installing
 *    them when root), since the host stands in for the base image; cleaning apt's lists is image-only and
 *    logged as not done. chown and USER are kept for the run below;
 *  - the final stage's ENTRYPOINT + CMD start with its ENV (absolute paths into the stage folder), as its
 *    USER when CI runs as root (the host's user of that name, else `nobody`; the chown'd paths become
 *    theirs and the rest stays root's, so the bot must not write outside them), against
 *    the fake Discord server (as `--env-file .env` would give a token); the bot must log that it is
 *    connected, its HEALTHCHECK command must pass (/readyz: 200 once Discord is ready), and SIGTERM (the
 *    STOPSIGNAL) must end it with exit code 0 within 10 s (docker's default stop timeout).
 * A Dockerfile instruction or RUN command this does not know stops it with an error naming the line.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  envPairs,
  healthcheck,
  last,
  lintDockerfile,
  parseDockerfile,
  runSteps,
  shellWords,
  substitute,
  type Stage,
} from '../tests/support/dockerfile.js';
import { fakeToken } from '../tests/support/bot-process.js';
import { startFakeDiscord } from '../tests/support/fake-discord/index.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const KEEP = process.argv.includes('--keep');
const STOP_TIMEOUT_MS = 10_000;

const log = (message: string) => void process.stdout.write(`dockerfile-steps: ${message}\n`);
const note = (message: string) => void process.stdout.write(`dockerfile-steps: NOTE ${message}\n`);

function fail(message: string): never {
  throw new Error(message);
}

/** The checkout's files that a `docker build .` would send, less what .dockerignore leaves out. */
function makeContext(into: string): void {
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: REPO,
    encoding: 'utf8',
  });
  if (listed.status !== 0) fail(`git ls-files failed: ${listed.stderr}`);
  const ignore = readFileSync(path.join(REPO, '.dockerignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((p) => new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}(/|$)`));
  let count = 0;
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    if (ignore.some((re) => re.test(file)) || !existsSync(path.join(REPO, file))) continue;
    mkdirSync(path.dirname(path.join(into, file)), { recursive: true });
    cpSync(path.join(REPO, file), path.join(into, file));
    count++;
  }
  log(`build context: ${count} files (git ls-files less .dockerignore) in ${into}`);
}

/** The host stands in for the base image: same Node.js major version and Debian release, or a warning. */
function checkBase(image: string): void {
  const nodeMajor = /^node:(\d+)/.exec(image)?.[1];
  if (!nodeMajor) fail(`base image ${image}: only node:<major>-... images are understood`);
  if (process.versions.node.split('.')[0] !== nodeMajor)
    fail(`base image ${image} has Node.js ${nodeMajor}; this host runs ${process.version}`);
  const codename = /VERSION_CODENAME=(\w+)/.exec(
    existsSync('/etc/os-release') ? readFileSync('/etc/os-release', 'utf8') : '',
  )?.[1];
  if (codename && !image.includes(codename))
    note(`base image ${image}; this host is Debian ${codename}: native modules may differ`);
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/** Makes sure Debian packages are on the host (the base image's stand-in), installing them when root. */
function aptInstall(packages: string[]): void {
  const missing = packages.filter(
    (p) =>
      !spawnSync('dpkg-query', ['-W', '-f=${Status}', p], { encoding: 'utf8' }).stdout.includes(
        'install ok installed',
      ),
  );
  if (!missing.length) {
    log(`apt-get install ${packages.join(' ')}: already on this host`);
    return;
  }
  if (!isRoot())
    fail(`apt-get install: ${missing.join(' ')} missing on this host, and not root to install them`);
  log(`apt-get install ${missing.join(' ')} (on this host)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const r = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
    stdio: 'inherit',
    env,
  });
  if (r.status !== 0) fail(`apt-get install ${missing.join(' ')} failed`);
}

interface StageState {
  stage: Stage;
  root: string;
  workdir: string;
  env: Record<string, string>;
  args: Record<string, string>;
  /** The last USER, and the paths the stage chown'd to it. */
  user: string | null;
  owned: string[];
}

/** A path in the image, as a path in the stage folder. */
const inStage = (state: StageState, imagePath: string) =>
  path.join(state.root, path.posix.resolve(state.workdir, imagePath));

/** The stage's ENV for a process on the host: absolute paths that exist in the stage folder point there. */
function hostEnv(state: StageState): Record<string, string> {
  // The host's PATH, less the node_modules/.bin folders that `npx tsx` put in front of it.
  const hostPath = (process.env.PATH ?? '')
    .split(':')
    .filter((p) => !p.includes(`${path.sep}node_modules${path.sep}.bin`))
    .join(':');
  const env: Record<string, string> = { PATH: hostPath, HOME: process.env.HOME ?? state.root };
  for (const [k, v] of Object.entries(state.env))
    env[k] = v.startsWith('/') && existsSync(path.join(state.root, v)) ? path.join(state.root, v) : v;
  return env;
}

/** COPY: a folder's contents into the destination; files into it when it ends in / (or are several). */
function copy(
  state: StageState,
  flags: Record<string, string>,
  words: string[],
  states: Map<string, StageState>,
  context: string,
): void {
  const dest = words.at(-1)!;
  const sources = words.slice(0, -1);
  const from = flags.from
    ? (states.get(flags.from) ?? fail(`COPY --from=${flags.from}: no such stage`))
    : null;
  for (const source of sources) {
    if (source.includes('*')) fail(`COPY ${source}: wildcards are not supported`);
    const src = from ? inStage(from, source) : path.join(context, source);
    if (!existsSync(src))
      fail(`COPY ${source}: not found in ${from ? `stage ${from.stage.name}` : 'the build context'}`);
    const into = !statSync(src).isDirectory() && (dest.endsWith('/') || sources.length > 1);
    const target = into ? path.join(inStage(state, dest), path.basename(src)) : inStage(state, dest);
    mkdirSync(path.dirname(target), { recursive: true });
    cpSync(src, target, { recursive: true, verbatimSymlinks: true });
  }
  log(`COPY ${flags.from ? `--from=${flags.from} ` : ''}${words.join(' ')}`);
}

function run(state: StageState, line: number, argv: string[]): void {
  log(`RUN ${argv.join(' ')}   (in ${state.workdir})`);
  const r = spawnSync(argv[0]!, argv.slice(1), {
    cwd: inStage(state, '.'),
    env: hostEnv(state),
    stdio: 'inherit',
  });
  if (r.status !== 0) fail(`line ${line}: ${argv.join(' ')} failed (exit ${String(r.status ?? r.signal)})`);
}

/** Carries out one stage's instructions in its folder. */
function build(
  stage: Stage,
  root: string,
  globalArgs: Record<string, string>,
  states: Map<string, StageState>,
  context: string,
): StageState {
  checkBase(stage.image);
  const state: StageState = {
    stage,
    root,
    workdir: '/',
    env: {},
    args: { ...globalArgs },
    user: null,
    owned: [],
  };
  mkdirSync(root, { recursive: true });
  log(`FROM ${stage.image} AS ${stage.name}: stage folder ${root}`);
  for (const i of stage.instructions) {
    const vars = { ...state.args, ...state.env };
    switch (i.keyword) {
      case 'ARG': {
        const [name, value] = i.text.split('=', 2) as [string, string?];
        state.args[name.trim()] = value?.trim() ?? state.args[name.trim()] ?? '';
        break;
      }
      case 'ENV':
        for (const [k, v] of envPairs(i)) state.env[k] = substitute(v, { ...state.args, ...state.env });
        log(
          `ENV ${envPairs(i)
            .map(([k]) => k)
            .join(' ')}`,
        );
        break;
      case 'WORKDIR':
        state.workdir = path.posix.resolve(state.workdir, substitute(i.text.trim(), vars));
        mkdirSync(inStage(state, '.'), { recursive: true });
        log(`WORKDIR ${state.workdir}`);
        break;
      case 'COPY':
        copy(state, i.flags, shellWords(substitute(i.text, vars)), states, context);
        break;
      case 'RUN':
        if (i.flags.mount) note(`RUN --mount=${i.flags.mount}: a build cache mount, nothing to do here`);
        for (const step of runSteps(i)) {
          if (step.kind === 'apt-update') continue; // done by aptInstall when something is missing
          if (step.kind === 'apt-install') aptInstall(step.packages);
          else if (step.kind === 'image-only')
            note(`not done outside a container: ${step.command} (${step.why})`);
          else if (step.kind === 'mkdir')
            for (const p of step.paths) mkdirSync(inStage(state, p), { recursive: true });
          else if (step.kind === 'chown') state.owned.push(...step.paths.map((p) => inStage(state, p)));
          else run(state, i.line, step.argv);
        }
        break;
      case 'USER':
        state.user = i.text.trim();
        log(`USER ${state.user}: the bot runs as that user (below); the build steps ran as this one`);
        break;
      case 'VOLUME':
        for (const v of i.exec ?? shellWords(i.text)) mkdirSync(inStage(state, v), { recursive: true });
        log(`VOLUME ${i.text}`);
        break;
      default:
        break; // EXPOSE, STOPSIGNAL, HEALTHCHECK, ENTRYPOINT, CMD, LABEL: used when the final stage runs
    }
  }
  return state;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function exited(proc: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null) resolve(proc.exitCode);
    else proc.once('exit', (code) => resolve(code));
  });
}

/** Runs the HEALTHCHECK command once: true when it exits 0 within its timeout. */
async function probe(
  argv: string[],
  env: Record<string, string>,
  cwd: string,
  timeoutMs: number,
  identity: Identity,
): Promise<boolean> {
  const ids = 'uid' in identity ? { uid: identity.uid, gid: identity.gid } : {};
  const proc = spawn(argv[0]!, argv.slice(1), { env, cwd, stdio: 'ignore', ...ids });
  const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
  const code = await exited(proc);
  clearTimeout(timer);
  return code === 0;
}

/** Who the final stage's processes run as: `{}` is the current user. */
type Identity = { uid: number; gid: number; home: string } | Record<string, never>;

/**
 * The image's USER on this host, when CI runs as root: the host's user of that name, else `nobody`. The
 * stage folder is opened to it for reading (as an image's files are), and the chown'd paths become its own.
 */
function identityFor(state: StageState, tmpRoot: string): Identity {
  if (!state.user || /^(root|0)(:|$)/.test(state.user)) return {};
  if (!isRoot()) {
    note(`USER ${state.user}: not root, so the bot runs as the current user`);
    return {};
  }
  const id = (flag: string, name: string) => spawnSync('id', [flag, name], { encoding: 'utf8' });
  const name = id('-u', state.user.split(':')[0]!).status === 0 ? state.user.split(':')[0]! : 'nobody';
  const home = path.join(state.root, 'home', name);
  mkdirSync(home, { recursive: true });
  const identity = { uid: Number(id('-u', name).stdout), gid: Number(id('-g', name).stdout), home };
  chmodSync(tmpRoot, 0o755);
  for (const p of [...state.owned, home]) spawnSync('chown', ['-R', `${identity.uid}:${identity.gid}`, p]);
  log(`the bot runs as ${name} (uid ${identity.uid}), standing in for USER ${state.user}`);
  return identity;
}

/** Starts the final stage as `docker run` would, checks ready and health, stops it with the STOPSIGNAL. */
async function runFinal(state: StageState, context: string, tmpRoot: string): Promise<void> {
  const stage = state.stage;
  const entrypoint = last(stage, 'ENTRYPOINT')?.exec ?? [];
  const cmd = last(stage, 'CMD')?.exec ?? fail('the final stage has no CMD in exec form');
  const argv = [...entrypoint, ...cmd].map((a, i) =>
    i === 0 && a.startsWith('/') && existsSync(path.join(state.root, a)) ? path.join(state.root, a) : a,
  );
  if (argv[0]!.startsWith('/') && !existsSync(argv[0]!))
    fail(`${argv[0]!} is not on this host (its apt-get install step did not run?)`);
  const signal = (last(stage, 'STOPSIGNAL')?.text.trim() ?? 'SIGTERM') as NodeJS.Signals;
  // The image ships production dependencies only: no package that the lock file marks development-only.
  const lock = JSON.parse(readFileSync(path.join(context, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean }>;
  };
  const devOnly = Object.entries(lock.packages)
    .filter(([key, p]) => p.dev && key.startsWith('node_modules/'))
    .map(([key]) => key);
  const shipped = devOnly.filter((key) => existsSync(inStage(state, key)));
  if (shipped.length) fail(`the final stage ships development-only packages: ${shipped.join(', ')}`);
  log(
    `the final stage has none of the lock file's ${devOnly.length} development-only packages (tsx, typescript ...)`,
  );

  const appId = '1390000000000000001';
  const token = fakeToken(appId);
  const discord = await startFakeDiscord({
    token,
    applicationId: appId,
    guilds: [
      { id: '1390000000000000002', name: 'CI', channels: [{ id: '1390000000000000003', name: 'general' }] },
    ],
  });
  const env = hostEnv(state);
  // What `docker run --env-file .env -p ...` would add; the health server binds loopback on a free port
  // here, as the host has no network namespace of its own for it.
  Object.assign(env, { DISCORD_TOKEN: token, DISCORD_API_URL: discord.restUrl, LOG_LEVEL: 'info' });
  if (env.HEALTH_PORT)
    Object.assign(env, { HEALTH_PORT: String(await freePort()), HEALTH_HOST: '127.0.0.1' });
  const cwd = inStage(state, '.');
  const identity = identityFor(state, tmpRoot);
  if ('home' in identity) env.HOME = identity.home;
  log(
    `start: ${[...entrypoint, ...cmd].join(' ')}   (in ${state.workdir}; DATA_DIR=${env.DATA_DIR ?? '(unset)'})`,
  );
  const ids = 'uid' in identity ? { uid: identity.uid, gid: identity.gid } : {};
  const proc = spawn(argv[0]!, argv.slice(1), { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], ...ids });
  let output = '';
  proc.stdout.on('data', (d: Buffer) => (output += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (output += d.toString()));
  try {
    const started = Date.now();
    while (!output.includes('"msg":"connected to Discord')) {
      if (proc.exitCode !== null)
        fail(`the bot exited (${proc.exitCode}) before it was connected:\n${output}`);
      if (Date.now() - started > 60_000) fail(`the bot was not connected within 60 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    log(`the bot is connected to (fake) Discord after ${Date.now() - started} ms`);

    const health = last(stage, 'HEALTHCHECK');
    if (health) {
      const h = healthcheck(health);
      const deadline = Date.now() + h.startPeriodMs + h.retries * h.intervalMs;
      // Probed every second (not every --interval) until healthy or past start period + retries x interval.
      while (!(await probe(h.argv, env, cwd, h.timeoutMs, identity))) {
        if (proc.exitCode !== null || Date.now() > deadline) fail(`HEALTHCHECK never passed:\n${output}`);
        await new Promise((r) => setTimeout(r, 1000));
      }
      log(`HEALTHCHECK passed: ${h.argv.join(' ')}`);
    }

    const stopping = Date.now();
    proc.kill(signal);
    const timer = setTimeout(() => proc.kill('SIGKILL'), STOP_TIMEOUT_MS);
    const code = await exited(proc);
    clearTimeout(timer);
    if (code !== 0)
      fail(`after ${signal} the bot exited with ${String(code ?? proc.signalCode)} (expected 0):\n${output}`);
    log(`${signal} -> exit 0 in ${Date.now() - stopping} ms`);
  } finally {
    if (proc.exitCode === null) proc.kill('SIGKILL');
    await discord.close();
  }
}

async function main(): Promise<void> {
  const dockerfile = parseDockerfile(readFileSync(path.join(REPO, 'Dockerfile'), 'utf8'));
  const problems = lintDockerfile(dockerfile);
  if (problems.length) fail(`the Dockerfile breaks README's promises:\n  - ${problems.join('\n  - ')}`);
  log(
    `Dockerfile: ${dockerfile.stages.length} stages (${dockerfile.stages.map((s) => s.name).join(', ')}), lint ok`,
  );
  const root = mkdtempSync(path.join(tmpdir(), 'newsdesk-dockerfile-'));
  const started = Date.now();
  try {
    const context = path.join(root, 'context');
    makeContext(context);
    const states = new Map<string, StageState>();
    for (const stage of dockerfile.stages)
      states.set(
        stage.name,
        build(stage, path.join(root, 'stages', stage.name), dockerfile.args, states, context),
      );
    await runFinal(states.get(dockerfile.stages.at(-1)!.name)!, context, root);
    log(
      `ok: every step of the Dockerfile carried out and the bot ran from the final stage (${((Date.now() - started) / 1000).toFixed(0)} s)`,
    );
  } finally {
    if (KEEP) log(`kept ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (err) {
  process.stderr.write(`dockerfile-steps: FAILED: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
