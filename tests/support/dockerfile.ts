/**
 * Reads a Dockerfile into its stages and instructions, and names what each RUN command does, so that CI
 * can carry out the same steps outside a container (.ci/dockerfile-steps.ts) and a test can hold the
 * image to the rules of README "Run in production" ({@link lintDockerfile}). Only the instructions and
 * RUN commands this project uses are understood; anything else is an error naming it, so the Dockerfile
 * cannot grow a step that CI silently skips.
 */

/** One instruction, continuation lines joined. */
export interface Instruction {
  keyword: string;
  /** `--name=value` flags before the arguments (COPY --from, RUN --mount, HEALTHCHECK --interval ...). */
  flags: Record<string, string>;
  /** The arguments after the flags, as written. */
  text: string;
  /** The JSON array of the exec form (`["node", "x"]`), or null for the shell form. */
  exec: string[] | null;
  line: number;
}

/** A FROM and the instructions after it. */
export interface Stage {
  name: string;
  /** The base image, build arguments substituted. */
  image: string;
  instructions: Instruction[];
}

export interface Dockerfile {
  /** ARGs before the first FROM, with their defaults. */
  args: Record<string, string>;
  stages: Stage[];
}

const KNOWN = new Set([
  'FROM',
  'ARG',
  'ENV',
  'WORKDIR',
  'COPY',
  'RUN',
  'USER',
  'VOLUME',
  'EXPOSE',
  'STOPSIGNAL',
  'HEALTHCHECK',
  'ENTRYPOINT',
  'CMD',
  'LABEL',
]);

/** Splits a shell-like text into words: quotes group, backslash escapes; nothing is expanded. */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < text.length) word += text[++i]!;
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < text.length) {
      word += text[++i]!;
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) throw new Error(`unclosed ${quote} in: ${text}`);
  if (inWord) words.push(word);
  return words;
}

/** Replaces `$NAME`, `${NAME}` and `${NAME:-default}` with values from `vars`; unknown names are errors. */
export function substitute(text: string, vars: Record<string, string>): string {
  return text.replace(
    /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (_, a, def, b) => {
      const name = (a ?? b) as string;
      const value = vars[name] ?? (def as string | undefined);
      if (value === undefined) throw new Error(`$${name} is not defined`);
      return value;
    },
  );
}

/** Parses Dockerfile text. Throws naming the line for an instruction this reader does not know. */
export function parseDockerfile(text: string): Dockerfile {
  const logical: { text: string; line: number }[] = [];
  let pending: { text: string; line: number } | null = null;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    if (/^\s*#/.test(line) || (!pending && !line.trim())) continue;
    const continued = /\\\s*$/.test(line);
    const part = continued ? line.replace(/\\\s*$/, '') : line;
    pending = pending
      ? { text: `${pending.text} ${part.trim()}`, line: pending.line }
      : { text: part.trim(), line: i + 1 };
    if (!continued) {
      logical.push(pending);
      pending = null;
    }
  }
  if (pending) logical.push(pending);

  const dockerfile: Dockerfile = { args: {}, stages: [] };
  for (const { text: full, line } of logical) {
    const m = /^(\S+)\s*(.*)$/.exec(full)!;
    const keyword = m[1]!.toUpperCase();
    if (!KNOWN.has(keyword))
      throw new Error(`line ${line}: ${keyword} is not an instruction this reader carries out`);
    let rest = m[2]!;
    const flags: Record<string, string> = {};
    for (let f = /^--([a-z-]+)=(\S+)\s*/.exec(rest); f; f = /^--([a-z-]+)=(\S+)\s*/.exec(rest)) {
      flags[f[1]!] = f[2]!;
      rest = rest.slice(f[0].length);
    }
    const exec = rest.startsWith('[') ? (JSON.parse(rest) as string[]) : null;
    const instruction: Instruction = { keyword, flags, text: rest, exec, line };
    if (keyword === 'FROM') {
      const [image = '', as, name] = shellWords(rest);
      if (as && as.toUpperCase() !== 'AS') throw new Error(`line ${line}: FROM image [AS name]`);
      dockerfile.stages.push({
        name: name ?? String(dockerfile.stages.length),
        image: substitute(image, dockerfile.args),
        instructions: [],
      });
    } else if (!dockerfile.stages.length) {
      if (keyword !== 'ARG') throw new Error(`line ${line}: only ARG may come before the first FROM`);
      const [name, value = ''] = rest.split('=', 2) as [string, string?];
      dockerfile.args[name.trim()] = value.trim();
    } else dockerfile.stages.at(-1)!.instructions.push(instruction);
  }
  if (!dockerfile.stages.length) throw new Error('no FROM: not a Dockerfile');
  return dockerfile;
}

/** `ENV A=1 B="two words"` (or the old `ENV A value`) as pairs. */
export function envPairs(instruction: Instruction): [string, string][] {
  const words = shellWords(instruction.text);
  if (words.length && !words[0]!.includes('=')) return [[words[0]!, words.slice(1).join(' ')]];
  return words.map((w) => {
    const i = w.indexOf('=');
    if (i < 1) throw new Error(`line ${instruction.line}: ENV expects NAME=value, got "${w}"`);
    return [w.slice(0, i), w.slice(i + 1)];
  });
}

/** What one command of a RUN instruction does, as CI carries it out. */
export type RunStep =
  | { kind: 'apt-update' }
  | { kind: 'apt-install'; packages: string[] }
  | { kind: 'mkdir'; paths: string[] }
  | { kind: 'chown'; owner: string; paths: string[] }
  /** Changes only the image's size or metadata; nothing to do outside a container. */
  | { kind: 'image-only'; command: string; why: string }
  /** A program run in the working directory (npm, node). */
  | { kind: 'exec'; argv: string[] };

/** Programs CI runs as written, in the stage's working directory. */
const EXEC_PROGRAMS = new Set(['npm', 'node', 'npx']);

/**
 * The steps of a RUN instruction: its shell form is split at `&&` and each command recognised, or its
 * exec form taken as one program. Throws for a command CI would not know how to carry out.
 */
export function runSteps(instruction: Instruction): RunStep[] {
  for (const flag of Object.keys(instruction.flags))
    if (flag !== 'mount') throw new Error(`line ${instruction.line}: RUN --${flag} is not supported`);
  const commands = instruction.exec ? [instruction.exec] : splitAnd(instruction.text).map(shellWords);
  return commands.map((argv) => {
    const [program = '', ...args] = argv;
    const options = args.filter((a) => a.startsWith('-'));
    const operands = args.filter((a) => !a.startsWith('-'));
    if (program === 'apt-get' && operands[0] === 'update') return { kind: 'apt-update' };
    if (program === 'apt-get' && operands[0] === 'install' && options.includes('-y'))
      return { kind: 'apt-install', packages: operands.slice(1) };
    if (program === 'rm' && args.join(' ') === '-rf /var/lib/apt/lists/*')
      return {
        kind: 'image-only',
        command: argv.join(' '),
        why: "apt's package lists, removed to keep the image small",
      };
    if (program === 'mkdir' && options.every((o) => o === '-p')) return { kind: 'mkdir', paths: operands };
    if (program === 'chown' && options.every((o) => o === '-R') && operands.length >= 2)
      return { kind: 'chown', owner: operands[0]!, paths: operands.slice(1) };
    if (EXEC_PROGRAMS.has(program)) return { kind: 'exec', argv };
    throw new Error(
      `line ${instruction.line}: CI does not know how to carry out "${argv.join(' ')}" outside a container; teach tests/support/dockerfile.ts or change the Dockerfile`,
    );
  });
}

/** Splits shell text at `&&` outside quotes; other operators (`;`, `|`, `||`) are refused. */
function splitAnd(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (text.startsWith('&&', i)) {
      parts.push(current.trim());
      current = '';
      i++;
      continue;
    } else if (c === ';' || c === '|' || (c === '&' && text[i + 1] !== '&'))
      throw new Error(`only && may join commands in a RUN (found "${c}" in: ${text})`);
    current += c;
  }
  parts.push(current.trim());
  return parts.filter(Boolean);
}

/** The last value of an instruction in a stage, or null. */
export function last(stage: Stage, keyword: string): Instruction | null {
  return stage.instructions.filter((i) => i.keyword === keyword).at(-1) ?? null;
}

/** A HEALTHCHECK's command (exec form as is, shell form through /bin/sh -c) and its timing flags, in ms. */
export function healthcheck(instruction: Instruction): {
  argv: string[];
  intervalMs: number;
  timeoutMs: number;
  startPeriodMs: number;
  retries: number;
} {
  const m = /^CMD\s+(.*)$/s.exec(instruction.text);
  if (!m) throw new Error(`line ${instruction.line}: HEALTHCHECK [options] CMD command`);
  const command = m[1]!;
  const argv = command.startsWith('[') ? (JSON.parse(command) as string[]) : ['/bin/sh', '-c', command];
  const ms = (flag: string, fallback: string) => {
    const d = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(instruction.flags[flag] ?? fallback);
    if (!d) throw new Error(`line ${instruction.line}: --${flag} must be a duration such as 30s`);
    return Number(d[1]) * { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }[d[2] as 'ms' | 's' | 'm' | 'h'];
  };
  return {
    argv,
    intervalMs: ms('interval', '30s'),
    timeoutMs: ms('timeout', '30s'),
    startPeriodMs: ms('start-period', '0s'),
    retries: Number(instruction.flags.retries ?? 3),
  };
}

/** The stage's environment after all its ENV instructions. */
export function stageEnv(stage: Stage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const i of stage.instructions) if (i.keyword === 'ENV') for (const [k, v] of envPairs(i)) env[k] = v;
  return env;
}

/**
 * What README "Run in production" promises of the image, checked on the final stage: more than one stage,
 * a non-root USER, DATA_DIR set and declared a VOLUME, a HEALTHCHECK on /readyz, STOPSIGNAL SIGTERM, an
 * init (tini) as ENTRYPOINT, exec forms (signals reach node, not a shell), no development dependencies.
 * Returns the problems found (empty: none).
 */
export function lintDockerfile(dockerfile: Dockerfile): string[] {
  const problems: string[] = [];
  const final = dockerfile.stages.at(-1)!;
  if (dockerfile.stages.length < 2) problems.push('not multi-stage: build in one stage, run from another');
  const user = last(final, 'USER')?.text.trim();
  if (!user || /^(root|0)(:|$)/.test(user)) problems.push('the final stage must switch to a non-root USER');
  const dataDir = stageEnv(final).DATA_DIR;
  const volumes = final.instructions
    .filter((i) => i.keyword === 'VOLUME')
    .flatMap((i) => i.exec ?? shellWords(i.text));
  if (!dataDir) problems.push('the final stage must set ENV DATA_DIR');
  else if (!volumes.includes(dataDir)) problems.push(`DATA_DIR (${dataDir}) must be declared a VOLUME`);
  const health = last(final, 'HEALTHCHECK');
  if (!health || !healthcheck(health).argv.join(' ').includes('/readyz'))
    problems.push('a HEALTHCHECK must probe /readyz');
  if (last(final, 'STOPSIGNAL')?.text.trim() !== 'SIGTERM') problems.push('STOPSIGNAL must be SIGTERM');
  const entrypoint = last(final, 'ENTRYPOINT');
  const cmd = last(final, 'CMD');
  if (!entrypoint?.exec || !(entrypoint.exec[0] ?? '').endsWith('tini'))
    problems.push(
      'ENTRYPOINT must be tini in exec form (["/usr/bin/tini", "--"]) so that signals reach node',
    );
  if (!cmd?.exec) problems.push('CMD must be in exec form');
  for (const i of final.instructions) {
    if (i.keyword !== 'RUN') continue;
    for (const step of runSteps(i))
      if (
        step.kind === 'exec' &&
        step.argv[0] === 'npm' &&
        ['ci', 'install', 'i'].includes(step.argv[1] ?? '')
      )
        problems.push(
          `line ${i.line}: the final stage must not install dependencies; copy them from the build stage`,
        );
  }
  return problems;
}
