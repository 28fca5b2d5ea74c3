import { describe, expect, it } from 'vitest';
import { canonicalCommand, compareCommands, driftText } from '../../src/discord/command-drift.js';
import { loadCommands } from '../../src/interactions/load-commands.js';

type Json = Record<string, unknown>;

/**
 * What Discord answers for a registered command (read with `with_localizations=true`): ids, versions
 * and its defaults filled in, `required: false` left out, absent localizations as null.
 */
function asDiscordReturnsIt(body: Json, scope: 'global' | 'guild'): Json {
  const strip = (o: Json): Json => {
    const { required, options, ...rest } = o;
    return {
      ...rest,
      ...(required ? { required } : {}),
      ...(Array.isArray(options) && options.length ? { options: (options as Json[]).map(strip) } : {}),
      name_localizations: o.name_localizations ?? null,
      description_localizations: o.description_localizations ?? null,
    };
  };
  return {
    id: '1400000000000000001',
    application_id: '1400000000000000002',
    version: '1400000000000000003',
    default_member_permissions: null,
    dm_permission: true,
    nsfw: false,
    ...strip(body),
    ...(scope === 'global'
      ? { contexts: body.contexts ?? null, integration_types: [0] }
      : { guild_id: '1400000000000000004' }),
  };
}

describe('compareCommands', () => {
  it('finds a freshly deployed set equal, globally and in a server, despite Discord’s defaults', async () => {
    const local = [...(await loadCommands()).values()].map((c) => c.data.toJSON() as unknown as Json);
    for (const scope of ['global', 'guild'] as const) {
      const remote = local.map((c) => asDiscordReturnsIt(c, scope));
      expect(compareCommands(local, remote, scope)).toEqual({ missing: [], changed: [], extra: [] });
    }
  });

  it('names commands missing, changed (and how) and no longer defined', async () => {
    const local = [...(await loadCommands()).values()].map((c) => c.data.toJSON() as unknown as Json);
    const remote = local
      .filter((c) => c.name !== 'newsdesk')
      .map((c) => asDiscordReturnsIt(c, 'guild'))
      .map((c) => (c.name === 'news' ? { ...c, description: 'An older description' } : c))
      .map((c) => (c.name === 'feeds' ? { ...c, default_member_permissions: null, options: [] } : c));
    remote.push(asDiscordReturnsIt({ name: 'old', description: 'Gone', type: 1 }, 'guild'));
    const drift = compareCommands(local, remote, 'guild');
    expect(drift).toEqual({
      missing: ['newsdesk'],
      changed: [
        { name: 'feeds', fields: ['default_member_permissions', 'options'] },
        { name: 'news', fields: ['description'] },
      ],
      extra: ['old'],
    });
    expect(driftText(drift)).toBe(
      'missing /newsdesk, changed /feeds (default_member_permissions, options), changed /news (description), extra /old',
    );
  });

  it('sees localizations that differ or are missing (read without with_localizations=true)', async () => {
    const local = [...(await loadCommands()).values()].map((c) => c.data.toJSON() as unknown as Json);
    const news = local.find((c) => c.name === 'news')!;
    const german = { ...(news.description_localizations as Json), de: 'Alte Beschreibung' };
    const remote = [{ ...asDiscordReturnsIt(news, 'guild'), description_localizations: german }];
    expect(compareCommands([news], remote, 'guild').changed).toEqual([
      { name: 'news', fields: ['description_localizations'] },
    ]);
    const bare = { ...asDiscordReturnsIt(news, 'guild'), description_localizations: null };
    expect(compareCommands([news], [bare], 'guild').changed).toEqual([
      { name: 'news', fields: ['description_localizations'] },
    ]);
  });

  it('sees a changed option detail: required, choices, limits, autocomplete', () => {
    const option = { type: 3, name: 'topic', description: 'Topic', required: false, max_length: 100 };
    const local = { name: 'x', description: 'X', type: 1, options: [option] };
    const same = canonicalCommand({ ...local, options: [{ ...option, required: undefined }] }, 'guild');
    expect(same).toEqual(canonicalCommand(local, 'guild'));
    for (const change of [
      { required: true },
      { max_length: 50 },
      { autocomplete: true },
      { choices: [{ name: 'a', value: 'a' }] },
    ]) {
      const remote = { ...local, options: [{ ...option, ...change }] };
      expect(compareCommands([local], [remote], 'guild').changed).toEqual([
        { name: 'x', fields: ['options'] },
      ]);
    }
  });

  it('counts contexts only for global commands', () => {
    const local = { name: 'x', description: 'X', contexts: [0] };
    expect(compareCommands([local], [{ ...local, contexts: null }], 'guild').changed).toEqual([]);
    expect(compareCommands([local], [{ ...local, contexts: [0, 1] }], 'global').changed).toEqual([
      { name: 'x', fields: ['contexts'] },
    ]);
  });
});
