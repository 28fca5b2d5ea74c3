/**
 * A local OpenAI-compatible server for /v1/chat/completions (plain and streamed), shaped like the real
 * responses recorded in tests/fixtures/openai-recorded (chat.completion, chat.completion.chunk, data: [DONE]).
 * Its answers are derived from the prompt: it reads the <article id="N"> blocks the bot sends and writes
 * a briefing citing them. Tests can make it slow, fail, break its JSON, cite unknown ids or echo an injection.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeLlmBehavior {
  /** Delay before answering (ms). */
  delayMs: number;
  /** Answer with this HTTP error status (429, 500, 503, ...). `failTimes` limits how many requests fail. */
  failStatus: number | null;
  failTimes: number;
  /** The `Retry-After` header sent with a 429 (default '0'); null sends none. */
  retryAfter: string | null;
  /** Return text that is not JSON. */
  brokenJson: boolean;
  /** Cite ids that were not in the prompt (and one valid id per bullet unless `onlyUnknownIds`). */
  citeUnknownIds: boolean;
  onlyUnknownIds: boolean;
  /** Echo an injection: @everyone, @here, a user and role mention and a foreign link in the answer. */
  inject: boolean;
  /** Reject response_format json_schema with a 400, as some compatible servers do. */
  rejectJsonSchema: boolean;
  /** Answer with a refusal. */
  refuse: boolean;
  /** Wrap the JSON in a Markdown code fence with chatter around it. */
  fenced: boolean;
  /**
   * Bullet i is a sentence of its cited article perturbed by `perturb[i]` (a changed number, a name
   * swapped for one the article lacks, a shifted date, an invented quote); bullets past the list are
   * faithful (a sentence copied from the article).
   */
  perturb: PerturbKind[];
  /** Delay before answering a notes request (ms); `delayMs` is for briefing requests. */
  notesDelayMs: number;
  /** The token counts reported in `usage` (default 100 prompt, 50 completion). */
  promptTokens: number;
  completionTokens: number;
  /** Translations change every figure (adds 1), as a careless translator might. */
  translateFigures: boolean;
}

export type PerturbKind = 'number' | 'name' | 'date' | 'quote';

/** The fields of a chat completion request body that the fake reads (the JSON is not validated). */
export interface ChatRequestBody {
  model?: string;
  messages?: { role?: unknown; content?: unknown }[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  response_format?: { type?: string };
  [key: string]: unknown;
}

export interface RecordedLlmRequest {
  body: ChatRequestBody;
  headers: IncomingMessage['headers'];
  at: number;
}

const DEFAULTS: FakeLlmBehavior = {
  notesDelayMs: 0,
  promptTokens: 100,
  completionTokens: 50,
  delayMs: 0,
  failStatus: null,
  failTimes: Infinity,
  retryAfter: '0',
  brokenJson: false,
  citeUnknownIds: false,
  onlyUnknownIds: false,
  inject: false,
  rejectJsonSchema: false,
  refuse: false,
  fenced: false,
  perturb: [],
  translateFigures: false,
};

export const INJECTION =
  '@everyone @here <@123456789012345678> <@&223456789012345678> see https://evil.example/phish and [click](https://evil.example/x) discord.gg/evil';

export interface PromptArticle {
  id: number;
  title: string;
  text: string;
}

/**
 * The articles in the prompt, as the bot delimits them: each one's text, or, when the prompt gives
 * notes instead (`notes:` and one `- ` line per note), its notes joined as the text.
 */
export function articlesInPrompt(messages: { content?: unknown }[]): PromptArticle[] {
  const text = messages.map((m) => (typeof m.content === 'string' ? m.content : '')).join('\n');
  return [...text.matchAll(/<article id="(\d+)">\n([\s\S]*?)\n<\/article>/g)].map((m) => {
    const body = m[2]!;
    const title = /^title: (.*)$/m.exec(body)?.[1] ?? '';
    const paragraphs = body.split(/\n\n/).slice(1).join(' ');
    const notes = /^notes:\n([\s\S]*)$/.exec(paragraphs);
    const textOf = notes
      ? notes[1]!
          .split('\n')
          .map((l) => l.replace(/^- /, '').trim())
          .map((l) => (/[.!?]$/.test(l) ? l : `${l}.`))
          .join(' ')
      : paragraphs;
    return { id: Number(m[1]), title, text: textOf };
  });
}

/** Is this a request for one article's notes (prompts/notes.md) rather than a briefing? */
export function isNotesRequest(body: ChatRequestBody): boolean {
  const schema = (body.response_format as { json_schema?: { name?: string } } | undefined)?.json_schema;
  const system = body.messages?.[0]?.content;
  return schema?.name === 'notes' || (typeof system === 'string' && system.startsWith('You take notes'));
}

/** Is this a request to translate a finished briefing (prompts/translate.md)? */
export function isTranslateRequest(body: ChatRequestBody): boolean {
  const schema = (body.response_format as { json_schema?: { name?: string } } | undefined)?.json_schema;
  const system = body.messages?.[0]?.content;
  return schema?.name === 'translation' || (typeof system === 'string' && system.startsWith('You translate'));
}

/**
 * A translation answer: the briefing's headline and bullets, each marked with the target language's
 * name in lower case, in brackets (so a test can see which text was translated) and otherwise unchanged, as a
 * faithful translation keeps every number and name.
 */
export function translationFor(messages: { content?: unknown }[], changeFigures = false): string {
  const text = messages.map((m) => (typeof m.content === 'string' ? m.content : '')).join('\n');
  const block = /<briefing>\n([\s\S]*?)\n<\/briefing>/.exec(text)?.[1] ?? '';
  const language = /Translate it into (.+)\.$/m.exec(text)?.[1] ?? 'English';
  const lines = block.split('\n');
  const headline = lines.find((l) => l.startsWith('headline: '))?.slice('headline: '.length) ?? '';
  const bullets = lines.flatMap((l) => {
    const m = /^\d+\. (.*)$/.exec(l);
    const text = changeFigures ? m?.[1]?.replace(/\d+/g, (d) => String(Number(d) + 1)) : m?.[1];
    return m ? [`${text} (${language.toLowerCase()})`] : [];
  });
  return JSON.stringify({ headline, bullets });
}

/** A faithful notes answer: the article's first sentences, as a careful model would copy them. */
export function notesFor(messages: { content?: unknown }[]): string {
  const text = messages.map((m) => (typeof m.content === 'string' ? m.content : '')).join('\n');
  const article = /<article>\n([\s\S]*?)\n<\/article>/.exec(text)?.[1] ?? '';
  const body = article.split(/\n\n/).slice(1).join(' ');
  return JSON.stringify({ notes: sentences(body).slice(0, 6) });
}

function firstSentence(text: string): string {
  return (/^[\s\S]*?[.!?](?=\s|$)/.exec(text.trim())?.[0] ?? text.slice(0, 160)).trim();
}

function sentences(text: string): string[] {
  return (text.match(/[^.!?]+(?:[.!?]+|$)/g) ?? [])
    .map((s) => s.trim())
    .filter((s) => s.split(' ').length >= 6);
}

const MONTHS = 'January February March April May June July August September October November December'.split(
  ' ',
);
const INVENTED_NAMES = ['Ruritania', 'Zenda', 'Vladimir Kowalczyk', 'Oberon Industries'];

/**
 * One of the article's own sentences made unfaithful in one way, the way a careless model would: the
 * first sentence that has something to perturb, else the first sentence with an invented detail added.
 */
export function perturbed(article: PromptArticle, kind: PerturbKind): string {
  return withinLimit(perturbedSentence(article, kind));
}

/** The marker `perturbedSentence` puts before the changed words, so that a long sentence is cut around them. */
const MARK = '\u0001';

/**
 * A sentence held to 30 words around its changed part, as a model following the prompt's word limit would
 * write it (the engine cuts longer bullets, which could cut the changed words away).
 */
function withinLimit(marked: string): string {
  const at = marked.indexOf(MARK);
  const text = marked.replace(MARK, '');
  const words = text.split(/\s+/);
  if (words.length <= 30) return text;
  const index = at < 0 ? 0 : text.slice(0, at).split(/\s+/).length - 1;
  const from = Math.max(0, Math.min(index - 12, words.length - 30));
  return words.slice(from, from + 30).join(' ');
}

function perturbedSentence(article: PromptArticle, kind: PerturbKind): string {
  const all = sentences(article.text);
  const has = (word: string) => new RegExp(`\\b${word}\\b`, 'i').test(`${article.title} ${article.text}`);
  if (kind === 'number') {
    for (const s of all) {
      const m = [...s.matchAll(/\b\d[\d,]*\b/g)].find(
        (d) =>
          !/^(19|20)\d\d$/.test(d[0]) && !new RegExp(`(${MONTHS.join('|')}) $`).test(s.slice(0, d.index)),
      );
      if (!m) continue;
      let n = Number(m[0].replace(/,/g, '')) + 7;
      while (has(String(n))) n += 7;
      return s.slice(0, m.index) + MARK + String(n) + s.slice(m.index + m[0].length);
    }
    return `${firstSentence(article.text).replace(/[.!?]$/, '')}, and ${MARK}4,321 people were affected.`;
  }
  if (kind === 'date') {
    const monthRe = new RegExp(
      `\\b(${MONTHS.join('|')}) (\\d{1,2})\\b|\\b(\\d{1,2}) (${MONTHS.join('|')})\\b|\\b((?:19|20)\\d\\d)\\b`,
    );
    for (const s of all) {
      const m = monthRe.exec(s);
      if (!m) continue;
      const replacement = m[5]
        ? String(Number(m[5]) - 3)
        : m[1]
          ? `${m[1]} ${(Number(m[2]) % 27) + 2}`
          : `${(Number(m[3]) % 27) + 2} ${m[4]}`;
      return s.slice(0, m.index) + MARK + replacement + s.slice(m.index + m[0].length);
    }
    return `${firstSentence(article.text).replace(/[.!?]$/, '')} on ${MARK}30 November 1998.`;
  }
  if (kind === 'name') {
    const name = INVENTED_NAMES.find((n) => !has(n))!;
    for (const s of all) {
      const m = /(?<=[a-z,] )[A-Z][a-z]{2,}(?: [A-Z][a-z]+)*/.exec(s);
      if (!m || MONTHS.includes(m[0])) continue;
      return s.slice(0, m.index) + MARK + name + s.slice(m.index + m[0].length);
    }
    return `${firstSentence(article.text).replace(/[.!?]$/, '')}, ${MARK}${name} said.`;
  }
  return `${firstSentence(article.text).replace(/[.!?]$/, '')}, and an official said: ${MARK}"We will never accept these terms."`;
}

/** The JSON answer a well-behaved model would give for these articles. */
export function answerFor(articles: PromptArticle[], behavior: FakeLlmBehavior, bullets = 5): string {
  const picked = articles.slice(0, bullets);
  const result = {
    headline: behavior.inject
      ? `Today's news @here ${INJECTION}`
      : `Briefing: ${picked[0]?.title ?? 'nothing'}`,
    bullets: picked.map((a, i) => {
      const unknown = [articles.length + 7, 999];
      const sources = behavior.onlyUnknownIds
        ? unknown
        : behavior.citeUnknownIds
          ? [a.id, ...unknown]
          : [a.id];
      const kind = behavior.perturb[i];
      const text = kind
        ? perturbed(a, kind)
        : behavior.inject && i === 0
          ? `${firstSentence(a.text)} ${INJECTION}`
          : firstSentence(a.text);
      return { text, sources };
    }),
  };
  const json = JSON.stringify(result);
  if (behavior.brokenJson)
    return `Here is the briefing: {"headline": "Broken", "bullets": [{"text": "unterminated`;
  if (behavior.fenced) return `Sure! Here it is:\n\`\`\`json\n${json}\n\`\`\`\nHope this helps.`;
  return json;
}

function bulletCount(messages: { content?: unknown }[]): number {
  const content = messages[0]?.content;
  const system = typeof content === 'string' ? content : '';
  return Number(/Write (\d+) bullets/.exec(system)?.[1] ?? 5);
}

/** A running fake LLM server. */
export class FakeLlm {
  readonly requests: RecordedLlmRequest[] = [];
  /** The content of every answer given (null for a refusal), in order. */
  readonly answers: (string | null)[] = [];
  behavior: FakeLlmBehavior = { ...DEFAULTS };
  private failed = 0;
  private constructor(
    private readonly server: Server,
    readonly baseURL: string,
  ) {}

  /** Starts the server on 127.0.0.1 with an ephemeral port. */
  static async start(): Promise<FakeLlm> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const instance = new FakeLlm(server, `http://127.0.0.1:${port}/v1`);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => void instance.handle(req, res));
    return instance;
  }

  /** Number of briefing requests received (chat completions other than article notes and translations). */
  get calls(): number {
    return this.requests.filter((r) => !isNotesRequest(r.body) && !isTranslateRequest(r.body)).length;
  }

  /** Number of translation requests received (a briefing written once, asked in another language). */
  get translateCalls(): number {
    return this.requests.filter((r) => isTranslateRequest(r.body)).length;
  }

  /** Number of article-notes requests received (the map step). */
  get notesCalls(): number {
    return this.requests.filter((r) => isNotesRequest(r.body)).length;
  }

  /** Changes behaviour; unspecified fields go back to defaults. */
  set(behavior: Partial<FakeLlmBehavior>): void {
    this.behavior = { ...DEFAULTS, ...behavior };
    this.failed = 0;
  }

  reset(): void {
    this.set({});
    this.requests.length = 0;
    this.answers.length = 0;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.method !== 'POST' || !(req.url ?? '').endsWith('/chat/completions')) {
      this.error(res, 404, 'invalid_request_error', `Unknown request URL: ${req.method} ${req.url}`);
      return;
    }
    let body: ChatRequestBody;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequestBody;
    } catch {
      this.error(res, 400, 'invalid_request_error', 'We could not parse the JSON body of your request.');
      return;
    }
    this.requests.push({ body, headers: req.headers, at: performance.now() });
    const b = this.behavior;
    const notes = isNotesRequest(body);
    const delay = notes ? b.notesDelayMs : b.delayMs;
    if (delay) await new Promise((r) => setTimeout(r, delay));
    if (res.destroyed) return;
    if (b.failStatus && this.failed < b.failTimes) {
      this.failed += 1;
      const type = b.failStatus === 429 ? 'rate_limit_exceeded' : 'server_error';
      this.error(
        res,
        b.failStatus,
        type,
        b.failStatus === 429
          ? 'Rate limit reached for requests'
          : 'The server had an error while processing your request.',
      );
      return;
    }
    if (b.rejectJsonSchema && body.response_format?.type === 'json_schema') {
      this.error(
        res,
        400,
        'invalid_request_error',
        "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.",
        'response_format',
      );
      return;
    }
    const messages = Array.isArray(body.messages) ? body.messages : [];
    const content = b.refuse
      ? null
      : notes
        ? notesFor(messages)
        : isTranslateRequest(body)
          ? translationFor(messages, b.translateFigures)
          : answerFor(articlesInPrompt(messages), b, bulletCount(messages));
    this.answers.push(content);
    const refusal = b.refuse ? "I'm sorry, I cannot help with that." : null;
    if (body.stream) {
      this.stream(res, body, content, refusal);
      return;
    }
    this.json(res, 200, {
      id: `chatcmpl-${Math.random().toString(36).slice(2, 14)}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: String(body.model),
      choices: [
        { index: 0, message: { role: 'assistant', content, refusal }, logprobs: null, finish_reason: 'stop' },
      ],
      usage: {
        prompt_tokens: b.promptTokens,
        completion_tokens: b.completionTokens,
        total_tokens: b.promptTokens + b.completionTokens,
      },
      system_fingerprint: 'fp_fake',
    });
  }

  private stream(
    res: ServerResponse,
    body: ChatRequestBody,
    content: string | null,
    refusal: string | null,
  ): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const base = {
      id: `chatcmpl-${Math.random().toString(36).slice(2, 14)}`,
      object: 'chat.completion.chunk',
      created: Math.floor(Date.now() / 1000),
      model: String(body.model),
      system_fingerprint: 'fp_fake',
    };
    const send = (choices: unknown[], extra: Record<string, unknown> = {}) =>
      res.write(`data: ${JSON.stringify({ ...base, choices, ...extra })}\n\n`);
    send([
      {
        index: 0,
        delta: { role: 'assistant', content: '', refusal: null },
        logprobs: null,
        finish_reason: null,
      },
    ]);
    const text = content ?? refusal ?? '';
    for (let i = 0; i < text.length; i += 12) {
      const piece = text.slice(i, i + 12);
      send([
        {
          index: 0,
          delta: content !== null ? { content: piece } : { refusal: piece },
          logprobs: null,
          finish_reason: null,
        },
      ]);
    }
    send([{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }]);
    if (body.stream_options?.include_usage)
      send([], { usage: { prompt_tokens: 100, completion_tokens: 50, total_tokens: 150 } });
    res.end('data: [DONE]\n\n');
  }

  private error(
    res: ServerResponse,
    status: number,
    type: string,
    message: string,
    param: string | null = null,
  ): void {
    const retryAfter = this.behavior.retryAfter;
    const headers: Record<string, string> =
      status === 429
        ? {
            ...(retryAfter !== null ? { 'retry-after': retryAfter } : {}),
            'x-ratelimit-remaining-requests': '0',
          }
        : {};
    this.json(
      res,
      status,
      {
        error: { message, type, param, code: type === 'rate_limit_exceeded' ? 'rate_limit_exceeded' : null },
      },
      headers,
    );
  }

  private json(
    res: ServerResponse,
    status: number,
    value: unknown,
    headers: Record<string, string> = {},
  ): void {
    res.writeHead(status, {
      'content-type': 'application/json',
      'x-request-id': `req_${Math.random().toString(36).slice(2, 10)}`,
      ...headers,
    });
    res.end(JSON.stringify(value));
  }
}
