import type { Json } from './payloads.js';
import type { FakeState, GuildState } from './state.js';

/** Whether a guild belongs to a shard: `(guild_id >> 22) % shard_count === shard_id`. */
export function guildOnShard(guildId: string, shard: [number, number]): boolean {
  return (BigInt(guildId) >> 22n) % BigInt(shard[1]) === BigInt(shard[0]);
}

/** The READY dispatch body for a new session. */
export function readyPayload(
  state: FakeState,
  session: { id: string; resumeUrl: string; shard: [number, number] | null },
): Json {
  const shard = session.shard ?? [0, 1];
  const guilds = [...state.guilds.values()]
    .filter((g) => guildOnShard(g.id, shard))
    .map((g) => ({ id: g.id, unavailable: true }));
  return {
    v: 10,
    user_settings: {},
    user: { ...state.botUser, verified: true, mfa_enabled: false, email: null },
    guilds,
    session_id: session.id,
    session_type: 'normal',
    resume_gateway_url: session.resumeUrl,
    relationships: [],
    private_channels: [],
    presences: [],
    guild_join_requests: [],
    geo_ordered_rtc_regions: ['us-east', 'us-central'],
    auth: {},
    application: { id: state.applicationId, flags: 0 },
    ...(session.shard ? { shard: session.shard } : {}),
    _trace: ['["fake-discord-gateway",{"micros":0}]'],
  };
}

/** The GUILD_CREATE dispatch body: the guild plus channels, roles, members and empty collections. */
export function guildCreatePayload(state: FakeState, guild: GuildState): Json {
  return {
    ...state.guildObject(guild),
    joined_at: guild.joinedAt,
    large: false,
    unavailable: false,
    lazy: true,
    member_count: guild.members.length,
    members: guild.members,
    channels: guild.channels,
    threads: [],
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
    embedded_activities: [],
    activity_instances: [],
    application_command_counts: {},
    hub_type: null,
    latest_onboarding_question_id: null,
    version: Date.now(),
  };
}
