import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../support/bot-process.js';
import {
  healthcheck,
  last,
  lintDockerfile,
  parseDockerfile,
  runSteps,
  shellWords,
  stageEnv,
  type Instruction,
} from '../support/dockerfile.js';

const read = (file: string) => readFileSync(path.join(PROJECT_ROOT, file), 'utf8');
const DOCKERFILE = read('Dockerfile');

const run = (text: string): Instruction => ({ keyword: 'RUN', flags: {}, text, exec: null, line: 1 });

describe('the Dockerfile', () => {
  const dockerfile = parseDockerfile(DOCKERFILE);
  const [buildStage, runtime] = dockerfile.stages;

  it('keeps the promises of README "Run in production"', () => {
    expect(lintDockerfile(dockerfile)).toEqual([]);
    expect(dockerfile.stages.map((s) => s.name)).toEqual(['build', 'runtime']);
    expect(runtime!.image).toBe(buildStage!.image); // better-sqlite3 is compiled for the image it runs on
    expect(stageEnv(runtime!)).toMatchObject({
      DATA_DIR: '/data',
      HEALTH_PORT: '8080',
      HEALTH_HOST: '0.0.0.0',
    });
    expect(last(runtime!, 'USER')!.text).toBe('node');
    const probe = healthcheck(last(runtime!, 'HEALTHCHECK')!);
    expect(probe.argv[0]).toBe('node'); // the slim image has no curl
    expect(probe.argv.join(' ')).toMatch(/HEALTH_PORT.*\/readyz/);
    expect(last(runtime!, 'CMD')!.exec).toEqual(['node', 'bin/newsdesk.js', 'start']);
  });

  it('builds with every dependency and the build, then ships only production dependencies and dist/', () => {
    const steps = buildStage!.instructions.filter((i) => i.keyword === 'RUN').flatMap(runSteps);
    const npm = steps.flatMap((s) => (s.kind === 'exec' ? [s.argv.slice(0, 2).join(' ')] : []));
    expect(npm).toEqual(['npm ci', 'npm prune']);
    const copied = runtime!.instructions
      .filter((i) => i.keyword === 'COPY')
      .map((i) => shellWords(i.text)[0]);
    expect(copied).toEqual(
      expect.arrayContaining(['/app/node_modules/', '/app/dist/', 'prompts/', 'samples/']),
    );
    expect(copied).not.toContain('src/');
  });

  it('lint names what breaks a promise', () => {
    const broken = DOCKERFILE.replace('USER node', 'USER root')
      .replace('STOPSIGNAL SIGTERM', 'STOPSIGNAL SIGKILL')
      .replace('CMD ["node", "bin/newsdesk.js", "start"]', 'CMD node bin/newsdesk.js start')
      .replace('VOLUME ["/data"]', 'VOLUME ["/var/newsdesk"]')
      .replace('ENTRYPOINT ["/usr/bin/tini", "--"]', '')
      .replace('/readyz', '/')
      .replace('COPY samples/ samples/', 'COPY samples/ samples/\nRUN npm ci --omit=dev');
    expect(lintDockerfile(parseDockerfile(broken))).toEqual([
      'the final stage must switch to a non-root USER',
      'DATA_DIR (/data) must be declared a VOLUME',
      'a HEALTHCHECK must probe /readyz',
      'STOPSIGNAL must be SIGTERM',
      'ENTRYPOINT must be tini in exec form (["/usr/bin/tini", "--"]) so that signals reach node',
      'CMD must be in exec form',
      expect.stringMatching(/^line \d+: the final stage must not install dependencies/),
    ]);
    expect(lintDockerfile(parseDockerfile('FROM node:20\nUSER node\n'))[0]).toMatch(/not multi-stage/);
  });

  it('reads continuation lines, flags, exec forms and build arguments', () => {
    const parsed = parseDockerfile(
      'ARG BASE=node:20-slim\n# comment\nFROM ${BASE} AS one\nRUN --mount=type=cache,target=/x npm ci \\\n  --no-audit\nCMD ["node", "a b"]\n',
    );
    const [stage] = parsed.stages;
    expect(stage!.image).toBe('node:20-slim');
    const [r, cmd] = stage!.instructions;
    expect(r).toMatchObject({ keyword: 'RUN', flags: { mount: 'type=cache,target=/x' }, line: 4 });
    expect(runSteps(r!)).toEqual([{ kind: 'exec', argv: ['npm', 'ci', '--no-audit'] }]);
    expect(cmd!.exec).toEqual(['node', 'a b']);
    expect(() => parseDockerfile('FROM x\nADD https://example.com/a /a\n')).toThrow(
      /line 2: ADD is not an instruction this reader carries out/,
    );
  });

  it('knows each RUN command CI carries out, and refuses the others by name', () => {
    expect(
      runSteps(
        run(
          'apt-get update && apt-get install -y --no-install-recommends tini && rm -rf /var/lib/apt/lists/*',
        ),
      ),
    ).toEqual([
      { kind: 'apt-update' },
      { kind: 'apt-install', packages: ['tini'] },
      expect.objectContaining({ kind: 'image-only' }),
    ]);
    expect(runSteps(run('mkdir -p /data && chown node:node /data'))).toEqual([
      { kind: 'mkdir', paths: ['/data'] },
      { kind: 'chown', owner: 'node:node', paths: ['/data'] },
    ]);
    expect(() => runSteps(run('curl -fsSL https://example.com/install.sh'))).toThrow(
      /CI does not know how to carry out "curl -fsSL/,
    );
    expect(() => runSteps(run('npm ci; npm test'))).toThrow(/only && may join commands/);
    expect(() => runSteps(run('rm -rf /'))).toThrow(/does not know/);
  });
});

describe('compose.yaml and the systemd unit', () => {
  it('compose runs the image with Redis, the .env, the data volume and a grace longer than the shutdown', () => {
    const compose = read('compose.yaml');
    expect(compose).toMatch(/^\s+build: \.$/m);
    expect(compose).toMatch(/^\s+env_file: \.env$/m);
    expect(compose).toMatch(/^\s+CACHE_URL: redis:\/\/redis:6379$/m);
    expect(compose).toMatch(/^\s+DATA_DIR: \/data$/m);
    expect(compose).toMatch(/^\s+HEALTH_PORT: 8080$/m);
    expect(compose).toMatch(/^\s+HEALTH_HOST: 0\.0\.0\.0$/m);
    expect(compose).toMatch(/^\s+- newsdesk-data:\/data$/m);
    expect(compose).toMatch(/^ {2}redis:\n\s+image: redis:/m);
    expect(compose).toMatch(/condition: service_healthy/);
    expect(Number(/stop_grace_period: (\d+)s/.exec(compose)?.[1])).toBeGreaterThan(10);
  });

  it('the unit runs the compiled bot as its own user, SIGTERM first, with more time than the grace', () => {
    const unit = read('deploy/newsdesk.service');
    const setting = (key: string) => new RegExp(`^${key}=(.*)$`, 'm').exec(unit)?.[1];
    expect(setting('ExecStart')).toBe('/usr/bin/node /opt/newsdesk/bin/newsdesk.js start');
    expect(setting('User')).toBe('newsdesk');
    expect(setting('EnvironmentFile')).toBe('/etc/newsdesk/newsdesk.env');
    expect(setting('KillSignal')).toBe('SIGTERM');
    expect(setting('Restart')).toBe('on-failure');
    expect(Number(setting('TimeoutStopSec'))).toBeGreaterThan(10);
    expect(unit).toMatch(/^Environment=.*DATA_DIR=\/var\/lib\/newsdesk/m);
    expect(setting('StateDirectory')).toBe('newsdesk');
  });

  it('systemd-analyze verify finds nothing wrong with the unit', (ctx) => {
    const probe = spawnSync('systemd-analyze', ['--version']);
    if (probe.error) return ctx.skip('systemd-analyze is not installed here');
    const result = spawnSync(
      'systemd-analyze',
      ['verify', path.join(PROJECT_ROOT, 'deploy/newsdesk.service')],
      {
        encoding: 'utf8',
      },
    );
    // It warns on stderr (an unknown setting, a bad value) and still exits 0: any output is a finding.
    expect(`${result.stdout}${result.stderr}`.trim()).toBe('');
    expect(result.status).toBe(0);
  });
});
