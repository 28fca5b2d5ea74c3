import { HttpError, discordError, leaf } from './errors.js';
import { route, type Route, type RouteContext } from './http-pipeline.js';
import { assertMessageLimits } from './limits.js';
import { buildMessage, editMessage } from './messages.js';
import { Perm, scalarText, type Json } from './payloads.js';
import { channelFor, type RouteEnv } from './route-env.js';
import { isEphemeral } from './state.js';

/** Discord's cap on pinned messages per channel. */
export const MAX_PINS = 250;

const LEGACY_PINS = 'legacy pins route /channels/{id}/pins; use /channels/{id}/messages/pins';

/** Channel, message and pin routes. */
export function channelRoutes(env: RouteEnv): Route[] {
  const { state } = env;

  const messageIn = (channelId: string, messageId: string): Json => {
    const message = state.messages.get(messageId);
    if (message?.channel_id !== channelId || isEphemeral(message)) throw discordError('unknownMessage');
    return message;
  };

  const createMessage = ({ req, params, body }: RouteContext) => {
    const channelId = params.channel_id ?? '';
    channelFor(env, channelId, Perm.SEND_MESSAGES);
    assertMessageLimits(body, { create: true, files: req.files.length });
    const botId = String(state.botUser.id);
    const nonce = scalarText(body.nonce);
    const nonceKey = nonce === undefined ? null : `${channelId}:${botId}:${nonce}`;
    if (nonceKey && body.enforce_nonce === true) {
      const seen = state.nonces.get(nonceKey);
      const earlier =
        seen && performance.now() - seen.at <= env.timing.nonceWindowMs
          ? state.messages.get(seen.messageId)
          : null;
      if (earlier) return { status: 200, body: earlier };
    }
    const allowed = state.botCan(channelId, Perm.EMBED_LINKS) ? body : { ...body, embeds: [] };
    const type = body.message_reference ? 19 : 0;
    const message = state.putMessage(
      buildMessage(state, allowed, req.files, { channelId, author: state.botUser, type }),
    );
    if (nonceKey) state.nonces.set(nonceKey, { messageId: String(message.id), at: performance.now() });
    return { status: 200, body: message };
  };

  const listPins = ({ params, req }: RouteContext) => {
    const channelId = params.channel_id ?? '';
    channelFor(env, channelId, Perm.READ_MESSAGE_HISTORY);
    const limit = req.query.limit === undefined ? 50 : Number(req.query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 50) {
      throw discordError('invalidFormBody', {
        limit: leaf('NUMBER_TYPE_MAX', 'int value should be less than or equal to 50.'),
      });
    }
    const before = req.query.before ? Date.parse(req.query.before) : Number.POSITIVE_INFINITY;
    const eligible = state.pinsOf(channelId).filter((p) => Date.parse(p.pinnedAt) < before);
    const items = eligible
      .slice(0, limit)
      .map((p) => ({ pinned_at: p.pinnedAt, message: state.messages.get(p.messageId) }));
    return { status: 200, body: { items, has_more: eligible.length > limit } };
  };

  const pin = ({ params, req }: RouteContext) => {
    if (req.route?.startsWith('/channels/{channel_id}/pins')) req.specErrors.push(LEGACY_PINS);
    const channelId = params.channel_id ?? '';
    const channel = channelFor(env, channelId, Perm.PIN_MESSAGES);
    const message = messageIn(channelId, params.message_id ?? '');
    const pins = state.pinsOf(channelId);
    if (pins.some((p) => p.messageId === message.id)) return { status: 204 };
    if (pins.length >= MAX_PINS) throw discordError('maxPins');
    const pinnedAt = new Date().toISOString();
    pins.unshift({ messageId: String(message.id), pinnedAt });
    message.pinned = true;
    channel.last_pin_timestamp = pinnedAt;
    env.emit(
      'CHANNEL_PINS_UPDATE',
      { guild_id: channel.guild_id, channel_id: channelId, last_pin_timestamp: pinnedAt },
      String(channel.guild_id),
    );
    return { status: 204 };
  };

  const unpin = ({ params, req }: RouteContext) => {
    if (req.route?.startsWith('/channels/{channel_id}/pins')) req.specErrors.push(LEGACY_PINS);
    const channelId = params.channel_id ?? '';
    const channel = channelFor(env, channelId, Perm.PIN_MESSAGES);
    const message = messageIn(channelId, params.message_id ?? '');
    const pins = state.pinsOf(channelId);
    const index = pins.findIndex((p) => p.messageId === message.id);
    if (index >= 0) pins.splice(index, 1);
    message.pinned = false;
    const last = pins[0]?.pinnedAt ?? null;
    channel.last_pin_timestamp = last;
    env.emit(
      'CHANNEL_PINS_UPDATE',
      { guild_id: channel.guild_id, channel_id: channelId, last_pin_timestamp: last },
      String(channel.guild_id),
    );
    return { status: 204 };
  };

  return [
    route('GET', '/channels/{channel_id}', ({ params }) => ({
      status: 200,
      body: channelFor(env, params.channel_id ?? ''),
    })),
    route('POST', '/channels/{channel_id}/messages', createMessage),
    route('GET', '/channels/{channel_id}/messages', ({ params, req }) => {
      const channelId = params.channel_id ?? '';
      channelFor(env, channelId, Perm.READ_MESSAGE_HISTORY);
      const limit = Math.min(Number(req.query.limit ?? 50), 100);
      const before = req.query.before ? BigInt(req.query.before) : null;
      const list = state
        .channelMessages(channelId)
        .reverse()
        .filter((m) => before === null || BigInt(String(m.id)) < before);
      return { status: 200, body: list.slice(0, limit) };
    }),
    route('GET', '/channels/{channel_id}/messages/{message_id}', ({ params }) => {
      channelFor(env, params.channel_id ?? '', Perm.READ_MESSAGE_HISTORY);
      return { status: 200, body: messageIn(params.channel_id ?? '', params.message_id ?? '') };
    }),
    route('PATCH', '/channels/{channel_id}/messages/{message_id}', ({ params, body, req }) => {
      channelFor(env, params.channel_id ?? '');
      const message = messageIn(params.channel_id ?? '', params.message_id ?? '');
      if ((message.author as Json).id !== state.botUser.id) {
        throw new HttpError(403, { message: 'Cannot edit a message authored by another user', code: 50005 });
      }
      assertMessageLimits(body);
      return { status: 200, body: editMessage(state, message, body, req.files) };
    }),
    route('DELETE', '/channels/{channel_id}/messages/{message_id}', ({ params }) => {
      const channelId = params.channel_id ?? '';
      channelFor(env, channelId);
      const message = messageIn(channelId, params.message_id ?? '');
      if ((message.author as Json).id !== state.botUser.id) channelFor(env, channelId, Perm.MANAGE_MESSAGES);
      state.messages.delete(String(message.id));
      const pins = state.pinsOf(channelId);
      const index = pins.findIndex((p) => p.messageId === message.id);
      if (index >= 0) pins.splice(index, 1);
      return { status: 204 };
    }),
    route('GET', '/channels/{channel_id}/messages/pins', listPins),
    route('PUT', '/channels/{channel_id}/messages/pins/{message_id}', pin),
    route('DELETE', '/channels/{channel_id}/messages/pins/{message_id}', unpin),
    route('GET', '/channels/{channel_id}/pins', ({ params, req }) => {
      req.specErrors.push(LEGACY_PINS);
      channelFor(env, params.channel_id ?? '', Perm.READ_MESSAGE_HISTORY);
      return {
        status: 200,
        body: state.pinsOf(params.channel_id ?? '').map((p) => state.messages.get(p.messageId)),
      };
    }),
    route('PUT', '/channels/{channel_id}/pins/{message_id}', pin),
    route('DELETE', '/channels/{channel_id}/pins/{message_id}', unpin),
  ];
}
