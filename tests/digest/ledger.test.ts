import { afterEach, describe, expect, it } from 'vitest';
import { DigestStore } from '../../src/digest/digest-store.js';

import { digestNonce, RunLedger, type ClaimInput } from '../../src/digest/run-ledger.js';
import { saveDigest, tempDatabase } from './support.js';

const key = { guildId: 'g1', digestId: 'morning', localDate: '2026-03-29' };
const claim = (owner: string, now = 1000): ClaimInput => ({
  ...key,
  scheduledAt: 900,
  channelId: 'c1',
  late: false,
  nonce: digestNonce(key),
  owner,
  now,
});

describe('run ledger', () => {
  const files: { cleanup(): void }[] = [];
  afterEach(() => files.splice(0).forEach((f) => f.cleanup()));

  it('lets exactly one of two connections to the same file claim a (digest, local date)', () => {
    const file = tempDatabase();
    files.push(file);
    const a = new RunLedger(file.open());
    const b = new RunLedger(file.open());
    const first = a.claim(claim('A'));
    const second = b.claim(claim('B'));
    expect(first.won).toBe(true);
    expect(second.won).toBe(false);
    expect(second.run.claimToken).toBe('A#1');
    expect(b.claim({ ...claim('B'), localDate: '2026-03-30' }).won).toBe(true);
  });

  it('takes over a claim only once, and the old owner can no longer record a result', () => {
    const file = tempDatabase();
    files.push(file);
    const a = new RunLedger(file.open());
    const b = new RunLedger(file.open());
    const c = new RunLedger(file.open());
    const { run } = a.claim(claim('A'));
    const seen = b.get(key)!;
    const byB = b.takeOver(seen, 'B', 5000, true);
    const byC = c.takeOver(seen, 'C', 5000, true);
    expect(byB?.claimToken).toBe('B#2');
    expect(byC).toBeNull();
    expect(a.finish(run, { status: 'posted', messageId: 'old' }, 6000)).toBe(false);
    expect(b.finish(byB!, { status: 'posted', messageId: 'm1', coveredUntil: 4000 }, 6000)).toBe(true);
    expect(c.get(key)).toMatchObject({
      status: 'posted',
      messageId: 'm1',
      attempts: 2,
      late: true,
      coveredUntil: 4000,
    });
  });

  it('keeps the first send time across re-sends (Discord’s nonce window counts from it)', () => {
    const file = tempDatabase();
    files.push(file);
    const ledger = new RunLedger(file.open());
    const { run } = ledger.claim(claim('A'));
    ledger.markPosting(run, 2000);
    const resend = ledger.takeOver(ledger.get(key)!, 'B', 50_000, false)!;
    expect(resend.status).toBe('posting');
    ledger.markPosting(resend, 60_000);
    expect(ledger.get(key)).toMatchObject({ postStartedAt: 2000, claimedAt: 50_000 });
  });

  it('records a skipped date once and never over a real run', () => {
    const file = tempDatabase();
    files.push(file);
    const ledger = new RunLedger(file.open());
    expect(ledger.recordSkipped({ ...claim('A'), reason: 'bot was down' })).toBe(true);
    expect(ledger.recordSkipped({ ...claim('A'), reason: 'again' })).toBe(false);
    expect(ledger.claim(claim('A')).won).toBe(false);
    expect(ledger.get(key)).toMatchObject({ status: 'skipped', reason: 'bot was down', claimToken: null });
  });

  it('gives a digest its last success from the ledger, and keeps settings across connections', () => {
    const file = tempDatabase();
    files.push(file);
    const db = file.open();
    const store = new DigestStore(db);
    const ledger = new RunLedger(db);
    saveDigest(store);
    const { run } = ledger.claim(claim('A'));
    ledger.finish(run, { status: 'posted', messageId: 'm1', coveredUntil: 4242 }, 5000);
    const other = new DigestStore(file.open());
    expect(other.get('g1', 'morning')).toMatchObject({
      lastSuccessAt: 4242,
      time: '08:00',
      timezone: 'Europe/Berlin',
      paused: null,
    });
    expect(other.find('g1', 'MORNING')?.id).toBe('morning');
    expect(other.find('g2', 'morning')).toBeNull();
  });

  it('derives the nonce from the server, digest and local date only (<= 25 characters)', () => {
    expect(digestNonce(key)).toBe(digestNonce({ ...key }));
    expect(digestNonce(key)).not.toBe(digestNonce({ ...key, localDate: '2026-03-30' }));
    expect(digestNonce(key)).not.toBe(digestNonce({ ...key, guildId: 'g2' }));
    expect(digestNonce(key).length).toBeLessThanOrEqual(25);
  });
});
