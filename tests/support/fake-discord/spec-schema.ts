/** A JSON-schema / OpenAPI node, loosely typed. */
export type Schema = Record<string, unknown>;

/** Resolves a local `#/a/b` JSON pointer inside the spec document. */
export function resolveRef(spec: Schema, ref: string): Schema {
  let node: unknown = spec;
  for (const raw of ref.replace(/^#\//, '').split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = node && typeof node === 'object' ? (node as Schema)[key] : undefined;
  }
  if (!node || typeof node !== 'object') throw new Error(`spec: cannot resolve ${ref}`);
  return node as Schema;
}

/** The schema to validate a value against; `ref` names the union branch chosen, if any. */
export interface Branch {
  schema: Schema;
  ref?: string;
}

/**
 * Discord's unions (e.g. interaction callbacks) are `anyOf` lists of objects told apart by `type`. Validating the
 * whole union buries the real problem under one error per branch, so pick the branch whose `type` enum holds the
 * value's `type`. Returns a message when no branch accepts that `type`.
 */
export function branchFor(spec: Schema, schema: Schema, data: unknown): Branch | string {
  const union = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (!union || !data || typeof data !== 'object' || Array.isArray(data) || !('type' in data))
    return { schema };
  const refs = union.map((s) => (typeof s.$ref === 'string' ? s.$ref : null));
  if (refs.some((r) => r === null)) return { schema };
  const allowed: unknown[] = [];
  for (const ref of refs as string[]) {
    const typeSchema = (resolveRef(spec, ref).properties as Schema | undefined)?.type as Schema | undefined;
    const choices = typeSchema?.enum;
    if (!Array.isArray(choices)) return { schema };
    if (choices.includes(data.type)) return { schema: { $ref: ref }, ref };
    allowed.push(...(choices as unknown[]));
  }
  return `type ${JSON.stringify(data.type)} must be one of ${JSON.stringify(allowed)}`;
}

/**
 * The spec types 64-bit fields (permission bitfields such as `default_member_permissions`) as integers, while
 * Discord documents and accepts them as decimal strings, which is what discord.js sends. Mutates `spec` so that
 * such properties also accept a string of digits. Union branches are left alone so `nonce` stays a strict oneOf.
 */
export function acceptStringifiedInt64(spec: Schema): void {
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    const obj = node as Schema;
    const props = obj.properties;
    if (props && typeof props === 'object') {
      for (const prop of Object.values(props as Record<string, Schema>)) relax(prop);
    }
    for (const value of Object.values(obj)) visit(value);
  };
  visit(spec);
}

function relax(prop: Schema): void {
  const types = Array.isArray(prop.type) ? (prop.type as string[]) : [prop.type];
  const big = prop.format === 'int64' || (typeof prop.maximum === 'number' && prop.maximum >= 2 ** 53 - 1);
  if (!types.includes('integer') || !big || types.includes('string')) return;
  prop.type = [...types.filter((t) => t !== undefined), 'string'];
  prop.pattern = '^[0-9]+$';
}

/**
 * The spec types the `code` of field errors (`errors.content._errors[].code`) as an integer, but Discord sends
 * strings such as "BASE_TYPE_MAX_LENGTH". Mutates `spec` to accept both, so the fake's real-shaped errors pass.
 */
export function acceptStringFieldErrorCodes(spec: Schema): void {
  const schemas = (spec.components as Schema | undefined)?.schemas as Record<string, Schema> | undefined;
  const inner = schemas?.InnerErrors?.properties as Record<string, Schema> | undefined;
  if (!inner?._errors) return;
  inner._errors.items = {
    type: 'object',
    properties: { code: { type: ['integer', 'string'] }, message: { type: 'string' } },
    required: ['code', 'message'],
  };
}
