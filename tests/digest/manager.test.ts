import { afterEach, describe, expect, it } from 'vitest';
import { DigestManager } from '../../src/digest/digest-manager.js';
import { DigestStore } from '../../src/digest/digest-store.js';
import { RunLedger } from '../../src/digest/run-ledger.js';
import { FakeClock, fakeWriter, HOUR, tempDatabase } from './support.js';

const files: { cleanup(): void }[] = [];
afterEach(() => files.splice(0).forEach((f) => f.cleanup()));

function setup() {
  const file = tempDatabase();
  files.push(file);
  const db = file.open();
  const clock = new FakeClock('2026-03-27T06:00:00Z');
  const digests = new DigestStore(db);
  const ledger = new RunLedger(db);
  let changes = 0;
  const manager = new DigestManager({
    digests,
    ledger,
    find: () => [],
    write: fakeWriter(clock.now).write,
    now: clock.now,
    onChange: () => changes++,
  });
  const base = { guildId: 'g1', channelId: 'c1', time: '08:00', timezone: 'Europe/Berlin', userId: 'u1' };
  return { manager, digests, ledger, clock, base, changes: () => changes };
}

describe('DigestManager', () => {
  it('creates "daily" by default, keeps options on update, and reschedules only when time or zone change', async () => {
    const { manager, clock, base, changes } = setup();
    const first = manager.set({ ...base, topic: 'climate', length: 'short', pin: true });
    expect(first).toMatchObject({
      created: true,
      digest: { id: 'daily', topic: 'climate', length: 'short', pin: true, scheduleFrom: clock.now() },
    });
    await clock.advance(HOUR);
    const same = manager.set({ ...base, channelId: 'c2' });
    expect(same).toMatchObject({
      created: false,
      digest: {
        channelId: 'c2',
        topic: 'climate',
        length: 'short',
        pin: true,
        scheduleFrom: first.digest.scheduleFrom,
      },
    });
    const moved = manager.set({ ...base, time: '9:15', topic: 'all' });
    expect(moved.digest).toMatchObject({ time: '09:15', topic: null, scheduleFrom: clock.now() });
    expect(changes()).toBe(3);
  });

  it('a digest disabled by Discord is re-enabled by setting it again; an admin’s pause stays', () => {
    const { manager, digests, clock, base } = setup();
    manager.set({ ...base, name: 'lost' });
    manager.set({ ...base, name: 'held' });
    digests.setPaused(
      'g1',
      'lost',
      { reason: 'missing_access', detail: 'Missing Access', at: 1 },
      clock.now(),
    );
    manager.pause('g1', 'held', 'Ada');
    expect(manager.set({ ...base, name: 'lost' }).digest.paused).toBeNull();
    expect(manager.set({ ...base, name: 'held' }).digest.paused).toMatchObject({
      reason: 'by_admin',
      detail: 'Ada',
    });
  });

  it('the next run passes over a local date that already has a run (time moved later the same day)', () => {
    const { manager, ledger, base } = setup();
    manager.set({ ...base, time: '06:00' });
    ledger.recordSkipped({
      guildId: 'g1',
      digestId: 'daily',
      localDate: '2026-03-27',
      scheduledAt: 0,
      channelId: 'c1',
      nonce: 'n',
      now: 0,
      reason: 'x',
    });
    const { nextRun } = manager.set({ ...base, time: '18:00' });
    expect(nextRun?.localDate).toBe('2026-03-28');
  });

  it('refuses names with nothing usable and topics with nothing searchable', () => {
    const { manager, base } = setup();
    expect(() => manager.set({ ...base, name: '!!!' })).toThrow(/needs a letter or a digit/);
    expect(() => manager.set({ ...base, topic: '???' })).toThrow(/needs a word to search for/);
  });
});
