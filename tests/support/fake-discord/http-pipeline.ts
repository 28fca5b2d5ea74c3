import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { DiscordErrors, HttpError } from './errors.js';
import type { FailurePlan } from './failures.js';
import type { RequestRecorder } from './recorder.js';
import { bySpecificity, compileTemplate, matchTemplate, type PathTemplate } from './router.js';
import type { SpecValidator } from './spec-validator.js';
import type { RecordedFile, RecordedRequest } from './types.js';

/** What a route handler gets: the recorded request and the path parameters. */
export interface RouteContext {
  req: RecordedRequest;
  params: Record<string, string>;
  /** The parsed body as an object (`{}` when absent or not an object). */
  body: Record<string, unknown>;
}

/** What a route handler returns; throw an {@link HttpError} for Discord errors. */
export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Set for failures a test injected; those are not checked against the spec. */
  injected?: boolean;
}

/** One REST route of the fake. */
export interface Route {
  method: string;
  template: PathTemplate;
  /** Whether the route needs `Authorization: Bot <token>` (interaction webhooks do not). */
  auth: boolean;
  handle(ctx: RouteContext): RouteResult | Promise<RouteResult>;
}

/** Declares a route; `template` uses `{param}` segments like the spec. */
export function route(method: string, template: string, handle: Route['handle'], auth = true): Route {
  return { method, template: compileTemplate(template), auth, handle };
}

/** Collaborators of the {@link RestPipeline}. */
export interface PipelineDeps {
  routes: Route[];
  recorder: RequestRecorder;
  failures: FailurePlan;
  validator: () => SpecValidator;
  token: string | undefined;
  validateResponses: boolean;
  interactionIdFor(path: string): string | null;
}

const PREFIX = /^(?:\/api)?\/v(\d+)(\/.*)$/;

/** Turns HTTP requests into recorded requests, applies injected failures, routes them and answers. */
export class RestPipeline {
  private readonly routes: Route[];

  constructor(private readonly deps: PipelineDeps) {
    this.routes = [...deps.routes].sort((a, b) => bySpecificity(a.template, b.template));
  }

  /** The `request` listener for node:http. */
  readonly handle = async (incoming: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(incoming.url ?? '/', 'http://fake.invalid');
    const prefixed = PREFIX.exec(url.pathname);
    const path = decodePath(prefixed?.[2] ?? url.pathname);
    const raw = await readBody(incoming);
    const headers = Object.fromEntries(
      Object.entries(incoming.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]),
    );
    const req: RecordedRequest = {
      method: (incoming.method ?? 'GET').toUpperCase(),
      path,
      route: null,
      query: Object.fromEntries(url.searchParams),
      headers,
      body: undefined,
      files: [],
      at: performance.now(),
      interactionId: this.deps.interactionIdFor(path),
      specErrors: [],
      status: 0,
      response: undefined,
      responseSpecErrors: [],
    };
    this.deps.recorder.add(req);
    let result: RouteResult;
    try {
      await parseBody(req, raw, headers['content-type'] ?? '');
      result = await this.dispatch(req, prefixed?.[1]);
    } catch (error) {
      result =
        error instanceof HttpError
          ? { status: error.status, body: error.body, headers: error.headers }
          : { status: 500, body: { message: `fake-discord: ${String(error)}`, code: 0 } };
    }
    this.answer(req, res, result);
  };

  private async dispatch(req: RecordedRequest, version: string | undefined): Promise<RouteResult> {
    if (version !== undefined && version !== '10')
      req.specErrors.push(`API version v${version} used; expected v10`);
    const found = version === undefined ? null : this.find(req.method, req.path);
    if (found) req.route = found.route.template.template;
    if (version !== undefined) {
      req.specErrors.push(
        ...this.deps.validator().checkRequest({
          method: req.method,
          path: req.path,
          query: req.query,
          body: req.body,
          hasBody: req.body !== undefined,
          hasAuth: req.headers.authorization !== undefined,
        }),
      );
    }
    const delay = this.deps.failures.delayFor(req);
    if (delay > 0) await sleep(delay);
    const injected = this.deps.failures.take(req);
    if (injected) {
      const body = injected.body ?? {
        message: injected.message ?? 'Injected failure',
        code: injected.code ?? 0,
        ...(injected.errors ? { errors: injected.errors } : {}),
      };
      return { status: injected.status, body, headers: injected.headers ?? {}, injected: true };
    }
    const notFound = DiscordErrors.notFound;
    if (!found) throw new HttpError(notFound.status, { message: notFound.message, code: notFound.code });
    if (found.route.auth) this.checkAuth(req);
    const body =
      req.body && typeof req.body === 'object' && !Array.isArray(req.body)
        ? (req.body as Record<string, unknown>)
        : {};
    return found.route.handle({ req, params: found.params, body });
  }

  private find(method: string, path: string): { route: Route; params: Record<string, string> } | null {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const params = matchTemplate(route.template, path);
      if (params) return { route, params };
    }
    return null;
  }

  private checkAuth(req: RecordedRequest): void {
    const header = req.headers.authorization;
    const { token } = this.deps;
    if (!header || !header.startsWith('Bot ') || (token !== undefined && header !== `Bot ${token}`)) {
      throw new HttpError(401, { message: DiscordErrors.unauthorized.message, code: 0 });
    }
  }

  private answer(req: RecordedRequest, res: ServerResponse, result: RouteResult): void {
    req.status = result.status;
    req.response = result.body;
    if (this.deps.validateResponses && req.route && !result.injected) {
      req.responseSpecErrors = this.deps
        .validator()
        .checkResponse(req.method, req.path, result.status, result.body);
    }
    const headers: Record<string, string> = { ...(result.headers ?? {}) };
    const payload = result.body === undefined ? '' : JSON.stringify(result.body);
    if (payload) headers['content-type'] = 'application/json';
    res.writeHead(result.status, headers);
    res.end(payload);
    this.deps.recorder.answered(req);
  }
}

/** `/messages/%40original` -> `/messages/@original` (discord.js encodes the `@`). */
function decodePath(path: string): string {
  return path
    .split('/')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    })
    .join('/');
}

function readBody(incoming: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (c: Buffer) => chunks.push(c));
    incoming.on('end', () => resolve(Buffer.concat(chunks)));
    incoming.on('error', reject);
  });
}

interface MultipartPart {
  name: string;
  /** Set for file parts, `null` for plain fields. */
  filename: string | null;
  type: string;
  data: Buffer;
}

/** The parts of a multipart/form-data body (RFC 7578), as discord.js sends them: `payload_json` and `files[n]`. */
function multipartParts(raw: Buffer, contentType: string): MultipartPart[] {
  const boundary = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!boundary) throw new HttpError(400, { message: 'Multipart body without a boundary.', code: 50109 });
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const next = Buffer.from(`\r\n--${boundary[1] ?? boundary[2]}`);
  const parts: MultipartPart[] = [];
  let at = raw.indexOf(delimiter);
  while (at !== -1) {
    const start = at + delimiter.length;
    if (raw.subarray(start, start + 2).toString('latin1') === '--') break; // the closing delimiter
    const end = raw.indexOf(next, start);
    if (end === -1) break;
    const part = raw.subarray(start + 2, end); // after the CRLF that ends the delimiter line
    const headerEnd = part.indexOf('\r\n\r\n');
    const head = headerEnd === -1 ? '' : part.subarray(0, headerEnd).toString('utf8');
    const disposition = /^content-disposition:(.*)$/im.exec(head)?.[1] ?? '';
    const filename = /;\s*filename="([^"]*)"/i.exec(disposition)?.[1] ?? null;
    parts.push({
      name: /;\s*name="([^"]*)"/i.exec(disposition)?.[1] ?? '',
      filename,
      type:
        /^content-type:(.*)$/im.exec(head)?.[1]?.trim() ??
        (filename === null ? '' : 'application/octet-stream'),
      data: headerEnd === -1 ? Buffer.alloc(0) : part.subarray(headerEnd + 4),
    });
    at = end + 2;
  }
  return parts;
}

async function parseBody(req: RecordedRequest, raw: Buffer, contentType: string): Promise<void> {
  if (raw.length === 0) return;
  if (contentType.startsWith('multipart/form-data')) {
    const files: RecordedFile[] = [];
    for (const part of multipartParts(raw, contentType)) {
      if (part.filename === null) {
        if (part.name === 'payload_json') req.body = JSON.parse(part.data.toString('utf8')) as unknown;
      } else {
        files.push({
          field: part.name,
          filename: part.filename,
          contentType: part.type,
          size: part.data.length,
        });
      }
    }
    req.files = files;
    return;
  }
  try {
    req.body = JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    req.body = raw.toString('utf8');
    throw new HttpError(400, { message: 'The request body contains invalid JSON.', code: 50109 });
  }
}
