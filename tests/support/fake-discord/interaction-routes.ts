import { HttpError, discordError, leaf } from './errors.js';
import { route, type Route, type RouteContext } from './http-pipeline.js';
import { assertChoices, assertMessageLimits } from './limits.js';
import { buildMessage, editMessage } from './messages.js';
import type { Json } from './payloads.js';
import type { RouteEnv } from './route-env.js';
import type { InteractionRecord } from './state.js';

/** Callback types allowed for each interaction type (1 ping, 3 component, 4 autocomplete, 5 modal submit). */
const ALLOWED_CALLBACKS: Record<number, number[]> = {
  1: [1],
  2: [4, 5, 9],
  3: [4, 5, 6, 7, 9],
  4: [8],
  5: [4, 5, 6, 7],
};

/** The interaction callback route and the interaction webhook routes (`/webhooks/{app}/{token}/...`). */
export function interactionRoutes(env: RouteEnv): Route[] {
  const { state, timing } = env;

  const callback = ({ params, body, req }: RouteContext) => {
    const i = state.interactions.get(params.interaction_id ?? '');
    if (!i || i.token !== params.interaction_token) throw discordError('unknownInteraction');
    if (i.callbacks.length > 0) throw discordError('alreadyAcknowledged');
    if (performance.now() - i.createdAt > timing.ackTimeoutMs) throw discordError('unknownInteraction');
    const type = Number(body.type);
    if (!(ALLOWED_CALLBACKS[i.type] ?? []).includes(type)) {
      req.specErrors.push(`callback type ${type} is not valid for interaction type ${i.type}`);
      throw discordError('invalidFormBody', {
        type: leaf('INTERACTION_CALLBACK_TYPE_INVALID', 'Invalid callback type.'),
      });
    }
    const data = (body.data ?? {}) as Json;
    if (type === 4 || type === 7)
      assertMessageLimits(data, { prefix: 'data', create: type === 4, files: req.files.length });
    if (type === 8) assertChoices(data.choices);
    i.callbacks.push({ type, data: body.data, at: performance.now() });
    let message: Json | undefined;
    if (type === 4 || type === 5) {
      const flags = type === 5 ? 128 | (Number(data.flags ?? 0) & 64) : Number(data.flags ?? 0);
      const content = type === 5 ? {} : data;
      message = state.putMessage(
        buildMessage(state, { ...content, flags }, req.files, {
          channelId: i.channelId,
          author: state.botUser,
          type: i.type === 2 ? 20 : 0,
          interaction: i,
          applicationId: state.applicationId,
        }),
      );
      i.originalMessageId = String(message.id);
    } else if (type === 6 || type === 7) {
      message = i.sourceMessageId ? state.messages.get(i.sourceMessageId) : undefined;
      if (message && type === 7) editMessage(state, message, data, req.files);
      i.originalMessageId = i.sourceMessageId;
    } else if (type === 8) {
      i.choices = Array.isArray(data.choices) ? data.choices : [];
    }
    if (req.query.with_response !== 'true') return { status: 204 };
    return { status: 200, body: callbackResponse(i, type, message) };
  };

  const webhookInteraction = ({ params }: RouteContext): InteractionRecord => {
    const i = state.interactionByToken(params.webhook_token ?? '');
    if (!i || params.webhook_id !== state.applicationId) throw discordError('unknownWebhook');
    if (performance.now() - i.createdAt > timing.tokenLifetimeMs) {
      throw new HttpError(401, { message: 'Invalid Webhook Token', code: 50027 });
    }
    if (i.callbacks.length === 0) throw discordError('unknownWebhook');
    return i;
  };

  const messageOf = (i: InteractionRecord, messageId: string): Json => {
    const id = messageId === '@original' ? i.originalMessageId : messageId;
    const own = id !== null && (id === i.originalMessageId || i.followupIds.includes(id));
    const message = own ? state.messages.get(id) : undefined;
    if (!message) throw discordError('unknownMessage');
    return message;
  };

  const get = (ctx: RouteContext) => ({
    status: 200,
    body: messageOf(webhookInteraction(ctx), ctx.params.message_id ?? '@original'),
  });

  const patch = (ctx: RouteContext) => {
    const message = messageOf(webhookInteraction(ctx), ctx.params.message_id ?? '@original');
    assertMessageLimits(ctx.body);
    return { status: 200, body: editMessage(state, message, ctx.body, ctx.req.files) };
  };

  const remove = (ctx: RouteContext) => {
    const i = webhookInteraction(ctx);
    const message = messageOf(i, ctx.params.message_id ?? '@original');
    state.messages.delete(String(message.id));
    if (message.id === i.originalMessageId) i.originalMessageId = null;
    return { status: 204 };
  };

  const followUp = (ctx: RouteContext) => {
    const i = webhookInteraction(ctx);
    assertMessageLimits(ctx.body, { create: true, files: ctx.req.files.length });
    const original = i.originalMessageId ? state.messages.get(i.originalMessageId) : undefined;
    if (original && (Number(original.flags) & 128) !== 0) {
      // Discord: the first follow-up after a deferred reply replaces the "thinking..." message.
      return { status: 200, body: editMessage(state, original, ctx.body, ctx.req.files) };
    }
    const message = state.putMessage(
      buildMessage(state, ctx.body, ctx.req.files, {
        channelId: i.channelId,
        author: state.botUser,
        type: 0,
        interaction: i,
        applicationId: state.applicationId,
      }),
    );
    i.followupIds.push(String(message.id));
    return { status: 200, body: message };
  };

  const base = '/webhooks/{webhook_id}/{webhook_token}';
  return [
    route('POST', '/interactions/{interaction_id}/{interaction_token}/callback', callback, false),
    route('POST', base, followUp, false),
    route('GET', `${base}/messages/@original`, get, false),
    route('PATCH', `${base}/messages/@original`, patch, false),
    route('DELETE', `${base}/messages/@original`, remove, false),
    route('GET', `${base}/messages/{message_id}`, get, false),
    route('PATCH', `${base}/messages/{message_id}`, patch, false),
    route('DELETE', `${base}/messages/{message_id}`, remove, false),
  ];
}

function callbackResponse(i: InteractionRecord, type: number, message: Json | undefined): Json {
  const flags = Number(message?.flags ?? 0);
  const interaction: Json = { id: i.id, type: i.type, activity_instance_id: null };
  if (message) {
    Object.assign(interaction, {
      response_message_id: message.id,
      response_message_loading: (flags & 128) !== 0,
      response_message_ephemeral: (flags & 64) !== 0,
    });
  }
  if (i.guildId) interaction.guild_id = i.guildId;
  interaction.channel_id = i.channelId;
  // Per the spec only CHANNEL_MESSAGE_WITH_SOURCE (4) and UPDATE_MESSAGE (7) come back with a `resource`.
  return message && (type === 4 || type === 7)
    ? { interaction, resource: { type, message } }
    : { interaction };
}
