import { discordError, leaf, type ErrorTree } from './errors.js';
import type { Json } from './payloads.js';

/** Discord's documented message limits, enforced by the fake itself (independently of the spec). */
export const LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  embedTotal: 6000,
  customId: 100,
  buttonLabel: 80,
  choices: 25,
  choiceName: 100,
} as const;

const tooLong = (max: number): ErrorTree =>
  leaf('BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);

function put(tree: ErrorTree, path: (string | number)[], value: ErrorTree): void {
  let node = tree;
  path.forEach((key, i) => {
    if (i === path.length - 1) {
      node[String(key)] = value;
      return;
    }
    node = (node[String(key)] ??= {}) as ErrorTree;
  });
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** Checks one message body; returns Discord's nested error tree or null when within limits. */
export function messageLimitErrors(body: Json): ErrorTree | null {
  const tree: ErrorTree = {};
  if (str(body.content).length > LIMITS.content) put(tree, ['content'], tooLong(LIMITS.content));
  const embeds = Array.isArray(body.embeds) ? (body.embeds as Json[]) : [];
  if (embeds.length > LIMITS.embeds) put(tree, ['embeds'], tooLong(LIMITS.embeds));
  let total = 0;
  embeds.forEach((embed, i) => {
    const check = (path: (string | number)[], value: unknown, max: number): void => {
      total += str(value).length;
      if (str(value).length > max) put(tree, ['embeds', i, ...path], tooLong(max));
    };
    check(['title'], embed.title, LIMITS.title);
    check(['description'], embed.description, LIMITS.description);
    check(['footer', 'text'], (embed.footer as Json | undefined)?.text, LIMITS.footer);
    check(['author', 'name'], (embed.author as Json | undefined)?.name, LIMITS.authorName);
    const fields = Array.isArray(embed.fields) ? (embed.fields as Json[]) : [];
    if (fields.length > LIMITS.fields) put(tree, ['embeds', i, 'fields'], tooLong(LIMITS.fields));
    fields.forEach((field, j) => {
      if (str(field.name) === '' || str(field.value) === '') {
        const key = str(field.name) === '' ? 'name' : 'value';
        put(tree, ['embeds', i, 'fields', j, key], leaf('BASE_TYPE_REQUIRED', 'This field is required'));
      }
      check(['fields', j, 'name'], field.name, LIMITS.fieldName);
      check(['fields', j, 'value'], field.value, LIMITS.fieldValue);
    });
  });
  if (total > LIMITS.embedTotal && !tree.embeds) {
    put(
      tree,
      ['embeds'],
      leaf('MAX_EMBED_SIZE_EXCEEDED', `Embed size exceeds maximum size of ${LIMITS.embedTotal}`),
    );
  }
  componentErrors(body.components, ['components'], tree);
  return Object.keys(tree).length > 0 ? tree : null;
}

function componentErrors(components: unknown, path: (string | number)[], tree: ErrorTree): void {
  if (!Array.isArray(components)) return;
  (components as Json[]).forEach((c, i) => {
    if (str(c.custom_id).length > LIMITS.customId)
      put(tree, [...path, i, 'custom_id'], tooLong(LIMITS.customId));
    if (c.type === 2 && str(c.label).length > LIMITS.buttonLabel) {
      put(tree, [...path, i, 'label'], tooLong(LIMITS.buttonLabel));
    }
    componentErrors(c.components, [...path, i, 'components'], tree);
  });
}

/** Whether a create-message body has nothing to show (Discord: 50006 Cannot send an empty message). */
export function isEmptyMessage(body: Json, fileCount: number): boolean {
  const has = (v: unknown): boolean =>
    Array.isArray(v) ? v.length > 0 : v !== undefined && v !== null && v !== '';
  return (
    !has(body.content) &&
    !has(body.embeds) &&
    !has(body.components) &&
    !has(body.sticker_ids) &&
    !has(body.poll) &&
    fileCount === 0
  );
}

/**
 * Throws Discord's 400 50035 "Invalid Form Body" when the body breaks a limit; `prefix` nests the errors
 * (interaction callbacks report them under `data`). With `create`, an empty body is 50006.
 */
export function assertMessageLimits(
  body: Json,
  opts: { prefix?: string; create?: boolean; files?: number } = {},
): void {
  const tree = messageLimitErrors(body);
  if (tree) throw discordError('invalidFormBody', opts.prefix ? { [opts.prefix]: tree } : tree);
  if (opts.create && isEmptyMessage(body, opts.files ?? 0)) throw discordError('emptyMessage');
}

/** Autocomplete answers: at most 25 choices, names of at most 100 characters. */
export function assertChoices(choices: unknown): void {
  if (!Array.isArray(choices)) return;
  const tree: ErrorTree = {};
  if (choices.length > LIMITS.choices) put(tree, ['data', 'choices'], tooLong(LIMITS.choices));
  (choices as Json[]).forEach((c, i) => {
    if (str(c.name).length > LIMITS.choiceName)
      put(tree, ['data', 'choices', i, 'name'], tooLong(LIMITS.choiceName));
    if (str(c.value).length > LIMITS.choiceName)
      put(tree, ['data', 'choices', i, 'value'], tooLong(LIMITS.choiceName));
  });
  if (Object.keys(tree).length > 0) throw discordError('invalidFormBody', tree);
}
