import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import * as ajvFormats from 'ajv-formats';
import { bySpecificity, compileTemplate, matchTemplate, type PathTemplate } from './router.js';
import {
  acceptStringFieldErrorCodes,
  acceptStringifiedInt64,
  branchFor,
  resolveRef,
  type Schema,
} from './spec-schema.js';

const SPEC_FILE = fileURLToPath(new URL('../../fixtures/discord-openapi.json', import.meta.url));
const SPEC_ID = 'https://fake-discord.local/openapi.json';
const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

interface Parameter {
  name: string;
  in: string;
  schema?: Schema;
}

/** One operation of the spec (method + path template) with what the validator needs from it. */
export interface SpecOperation {
  id: string;
  method: string;
  template: PathTemplate;
  op: Schema;
  query: Parameter[];
  needsAuth: boolean;
}

/** What {@link SpecValidator.checkRequest} looks at. */
export interface RequestToCheck {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  hasBody: boolean;
  hasAuth: boolean;
}

/**
 * Checks requests (and optionally responses) against Discord's OpenAPI 3.1 spec (tests/fixtures copy).
 * The spec is parsed on first use and shared by every fake in the process; validators are compiled once per schema.
 */
export class SpecValidator {
  private static instance: SpecValidator | null = null;
  private readonly ajv: Ajv2020;
  private readonly operations: SpecOperation[] = [];
  private readonly validators = new Map<string, ValidateFunction>();

  /** The process-wide validator (loads the spec on first call, ~100 ms). */
  static shared(): SpecValidator {
    SpecValidator.instance ??= new SpecValidator(JSON.parse(readFileSync(SPEC_FILE, 'utf8')) as Schema);
    return SpecValidator.instance;
  }

  private constructor(private readonly spec: Schema) {
    acceptStringifiedInt64(spec);
    acceptStringFieldErrorCodes(spec);
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false, validateFormats: true });
    const plugin = (ajvFormats as unknown as { default: (ajv: Ajv2020) => void }).default;
    plugin(this.ajv);
    for (const name of ['snowflake', 'int32', 'int64', 'double', 'nonce']) this.ajv.addFormat(name, true);
    this.ajv.addSchema({ $id: SPEC_ID, components: spec.components });
    const paths = (spec.paths ?? {}) as Record<string, Schema>;
    for (const [specPath, item] of Object.entries(paths)) {
      const shared = ((item.parameters ?? []) as Parameter[]).filter((p) => p.in === 'query');
      for (const method of METHODS) {
        const op = item[method] as Schema | undefined;
        if (!op) continue;
        const own = ((op.parameters ?? []) as Parameter[]).filter((p) => p.in === 'query');
        const security = (op.security ?? []) as Schema[];
        this.operations.push({
          id: String(op.operationId),
          method: method.toUpperCase(),
          template: compileTemplate(specPath),
          op,
          query: [...shared, ...own],
          needsAuth: security.length > 0 && !security.some((s) => Object.keys(s).length === 0),
        });
      }
    }
    this.operations.sort((a, b) => bySpecificity(a.template, b.template));
  }

  /** The spec operation for a method and concrete path, or null when the spec has none. */
  findOperation(method: string, path: string): SpecOperation | null {
    return (
      this.operations.find((o) => o.method === method && matchTemplate(o.template, path) !== null) ?? null
    );
  }

  /** Returns human-readable violations of the spec by this request (empty when it conforms). */
  checkRequest(req: RequestToCheck): string[] {
    const op = this.findOperation(req.method, req.path);
    if (!op) return [`no operation in Discord's spec for ${req.method} ${req.path}`];
    const errors: string[] = [];
    if (op.needsAuth && !req.hasAuth) errors.push(`${op.id}: missing Authorization header`);
    errors.push(...this.checkQuery(op, req.query));
    const requestBody = op.op.requestBody as Schema | undefined;
    const schema = (requestBody?.content as Schema | undefined)?.['application/json'] as Schema | undefined;
    if (!req.hasBody) {
      if (requestBody?.required === true) errors.push(`${op.id}: request body is required`);
      return errors;
    }
    if (!schema?.schema) return [...errors, `${op.id}: operation takes no request body`];
    errors.push(...this.validate(`${op.id}:body`, schema.schema as Schema, req.body, 'body'));
    return errors;
  }

  /** Returns violations of the spec by a response the fake produced (for the fake's self-checks). */
  checkResponse(method: string, path: string, status: number, body: unknown): string[] {
    const op = this.findOperation(method, path);
    if (!op) return [];
    const responses = (op.op.responses ?? {}) as Record<string, Schema>;
    let response = responses[String(status)] ?? responses[`${String(status)[0]}XX`];
    if (!response) return [`${op.id}: status ${status} is not documented`];
    if (typeof response.$ref === 'string') response = resolveRef(this.spec, response.$ref);
    const schema = ((response.content as Schema | undefined)?.['application/json'] as Schema | undefined)
      ?.schema;
    if (!schema) return body === undefined ? [] : [`${op.id}: ${status} should have no body`];
    return this.validate(`${op.id}:${status}`, schema as Schema, body, 'response');
  }

  private checkQuery(op: SpecOperation, query: Record<string, string>): string[] {
    const errors: string[] = [];
    for (const [name, raw] of Object.entries(query)) {
      const param = op.query.find((p) => p.name === name);
      if (!param) {
        errors.push(`${op.id}: unknown query parameter "${name}"`);
        continue;
      }
      const schema = param.schema ?? {};
      const resolved = typeof schema.$ref === 'string' ? resolveRef(this.spec, schema.$ref) : schema;
      errors.push(
        ...this.validate(`${op.id}:q:${name}`, schema, coerce(raw, resolved.type), `query.${name}`),
      );
    }
    return errors;
  }

  private validate(key: string, schema: Schema, data: unknown, label: string): string[] {
    const branch = branchFor(this.spec, schema, data);
    if (typeof branch === 'string') return [`${label}: ${branch}`];
    const cacheKey = branch.ref ? `${key}:${branch.ref}` : key;
    let validator = this.validators.get(cacheKey);
    if (!validator) {
      validator = this.ajv.compile(withAbsoluteRefs(branch.schema));
      this.validators.set(cacheKey, validator);
    }
    return validator(data) ? [] : formatErrors(validator.errors ?? [], label);
  }
}

function coerce(raw: string, type: unknown): unknown {
  const types = Array.isArray(type) ? type : [type];
  if (types.includes('boolean') && (raw === 'true' || raw === 'false')) return raw === 'true';
  if (
    (types.includes('integer') || types.includes('number')) &&
    raw.trim() !== '' &&
    !Number.isNaN(Number(raw))
  ) {
    return Number(raw);
  }
  return raw;
}

function withAbsoluteRefs(schema: unknown): Schema {
  return JSON.parse(JSON.stringify(schema), (key, value: unknown) =>
    key === '$ref' && typeof value === 'string' && value.startsWith('#') ? `${SPEC_ID}${value}` : value,
  ) as Schema;
}

function formatErrors(errors: ErrorObject[], label: string): string[] {
  const useful = errors.filter(
    (e) =>
      e.keyword !== 'anyOf' && e.keyword !== 'oneOf' && !(e.keyword === 'type' && e.params.type === 'null'),
  );
  const allowed = new Map<string, unknown[]>();
  for (const e of useful) {
    if (e.keyword === 'const')
      allowed.set(e.instancePath, [...(allowed.get(e.instancePath) ?? []), e.params.allowedValue]);
  }
  const lines = (useful.length > 0 ? useful : errors).map((e) => {
    if (e.keyword === 'const')
      return `${label}${e.instancePath} must be one of ${JSON.stringify(allowed.get(e.instancePath))}`;
    const extra = e.keyword === 'additionalProperties' ? ` (${String(e.params.additionalProperty)})` : '';
    return `${label}${e.instancePath} ${e.message ?? e.keyword}${extra}`;
  });
  return [...new Set(lines)].slice(0, 10);
}
