import { scalarText, type Json } from './payloads.js';
import type { FakeState, InteractionRecord } from './state.js';
import { snowflake } from './snowflake.js';
import type { RecordedFile } from './types.js';

/** Who is posting a message and in what capacity. */
export interface MessageOrigin {
  channelId: string;
  author: Json;
  /** Message type: 0 default, 20 reply to a chat-input command. */
  type?: number;
  interaction?: InteractionRecord;
  applicationId?: string;
}

/** Builds the message object Discord would store for a create-message style body. */
export function buildMessage(
  state: FakeState,
  body: Json,
  files: RecordedFile[],
  origin: MessageOrigin,
): Json {
  const message: Json = {
    type: origin.type ?? 0,
    content: '',
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    flags: 0,
    components: [],
    id: snowflake(),
    channel_id: origin.channelId,
    author: origin.author,
    pinned: false,
    mention_everyone: false,
    tts: body.tts === true,
  };
  if (origin.interaction)
    Object.assign(message, interactionFields(origin.interaction, origin.applicationId ?? ''));
  if (body.nonce !== undefined && body.nonce !== null) message.nonce = body.nonce;
  applyBody(state, message, body, files, true);
  return message;
}

/** Applies an edit body (PATCH) to a stored message. Only fields present in the body change. */
export function editMessage(state: FakeState, message: Json, body: Json, files: RecordedFile[]): Json {
  applyBody(state, message, body, files, false);
  message.edited_timestamp = new Date().toISOString();
  message.flags = Number(message.flags ?? 0) & ~128;
  return message;
}

function applyBody(
  state: FakeState,
  message: Json,
  body: Json,
  files: RecordedFile[],
  creating: boolean,
): void {
  if (typeof body.content === 'string') message.content = body.content;
  if (body.content === null) message.content = '';
  if (Array.isArray(body.embeds)) message.embeds = body.embeds.map(normalizeEmbed);
  if (body.embeds === null) message.embeds = [];
  if (Array.isArray(body.components)) message.components = withComponentIds(body.components);
  if (body.components === null) message.components = [];
  // LOADING (128) and EPHEMERAL (64) are fixed when the message is created; edits may only change the rest.
  const fixed = Number(message.flags ?? 0) & (128 | 64);
  if (typeof body.flags === 'number')
    message.flags = creating ? body.flags : fixed | (body.flags & ~(128 | 64));
  if (Array.isArray(body.attachments) || files.length > 0)
    message.attachments = attachments(message, body, files);
  if (typeof body.content === 'string' || 'allowed_mentions' in body) applyMentions(state, message, body);
}

function interactionFields(i: InteractionRecord, applicationId: string): Json {
  const owners = i.guildId ? { '0': i.guildId } : { '1': String(i.user.id) };
  const metadata: Json = { id: i.id, type: i.type, user: i.user, authorizing_integration_owners: owners };
  if (i.type === 2) Object.assign(metadata, { name: i.commandName, command_type: 1 });
  if (i.type === 3 && i.sourceMessageId) metadata.interacted_message_id = i.sourceMessageId;
  const fields: Json = {
    application_id: applicationId,
    webhook_id: applicationId,
    interaction_metadata: metadata,
  };
  if (i.type === 2) fields.interaction = { id: i.id, type: i.type, name: i.commandName, user: i.user };
  return fields;
}

function normalizeEmbed(embed: unknown): Json {
  const e: Json = { type: 'rich', ...(embed as Json) };
  if (Array.isArray(e.fields)) e.fields = (e.fields as Json[]).map((f) => ({ inline: false, ...f }));
  return Object.fromEntries(Object.entries(e).filter(([, value]) => value !== null && value !== undefined));
}

function withComponentIds(components: unknown[]): Json[] {
  let next = 1;
  const visit = (c: Json): Json => {
    const copy: Json = { ...c, id: typeof c.id === 'number' ? c.id : next };
    next = Math.max(next, Number(copy.id)) + 1;
    if (Array.isArray(c.components)) copy.components = (c.components as Json[]).map(visit);
    return copy;
  };
  return (components as Json[]).map(visit);
}

function attachments(message: Json, body: Json, files: RecordedFile[]): Json[] {
  const described = Array.isArray(body.attachments) ? (body.attachments as Json[]) : [];
  const kept = (message.attachments as Json[]).filter((a) =>
    described.some((d) => String(d.id) === String(a.id)),
  );
  const added = files.map((f, index) => {
    const id = snowflake();
    const meta = described.find((d) => String(d.id) === String(index)) ?? {};
    const filename = typeof meta.filename === 'string' ? meta.filename : f.filename;
    const url = `https://cdn.discordapp.com/attachments/${String(message.channel_id)}/${id}/${filename}`;
    return {
      id,
      filename,
      size: f.size,
      url,
      proxy_url: url.replace('cdn.discordapp.com', 'media.discordapp.net'),
      content_type: f.contentType,
      ...(typeof meta.description === 'string' ? { description: meta.description } : {}),
    };
  });
  return [...kept, ...added];
}

/**
 * Fills `mentions`, `mention_roles` and `mention_everyone` the way Discord does: from the content, filtered by
 * `allowed_mentions` (absent means everything may ping). Tests use these to prove the bot pinged nobody.
 */
function applyMentions(state: FakeState, message: Json, body: Json): void {
  const content = scalarText(message.content) ?? '';
  const allowed = (body.allowed_mentions ?? null) as Json | null;
  const parse = allowed ? ((allowed.parse ?? []) as string[]) : ['users', 'roles', 'everyone'];
  const users = allowed ? ((allowed.users ?? []) as string[]) : [];
  const roles = allowed ? ((allowed.roles ?? []) as string[]) : [];
  const userIds = [...content.matchAll(/<@!?(\d+)>/g)].map((m) => m[1] ?? '');
  const roleIds = [...content.matchAll(/<@&(\d+)>/g)].map((m) => m[1] ?? '');
  message.mentions = [...new Set(userIds)]
    .filter((id) => parse.includes('users') || users.includes(id))
    .map((id) => knownUser(state, id));
  message.mention_roles = [...new Set(roleIds)].filter((id) => parse.includes('roles') || roles.includes(id));
  message.mention_everyone = /@(everyone|here)/.test(content) && parse.includes('everyone');
}

function knownUser(state: FakeState, id: string): Json {
  for (const guild of state.guilds.values()) {
    const member = guild.members.find((m) => (m.user as Json).id === id);
    if (member) return member.user as Json;
  }
  return {
    id,
    username: `user${id.slice(-4)}`,
    global_name: null,
    discriminator: '0',
    avatar: null,
    public_flags: 0,
    flags: 0,
    primary_guild: null,
  };
}
