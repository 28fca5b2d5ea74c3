import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import pino from 'pino';
import { importSampleCorpusIfEmpty, sampleCorpusDir } from '../../src/ingest/files/sample-corpus.js';
import { article, fileStore, memoryStore } from '../articles/helpers.js';

describe('importSampleCorpusIfEmpty', () => {
  it('finds samples/articles relative to the module, not the working directory', () => {
    const cwd = process.cwd();
    process.chdir('/');
    try {
      const dir = sampleCorpusDir();
      expect(dir).not.toBeNull();
      expect(existsSync(join(dir!, 'M0000.txt'))).toBe(true);
      expect(readFileSync(join(dir!, 'ATTRIBUTION.md'), 'utf8')).toMatch(
        /CC BY 2\.5[\s\S]*danieldeutsch\/sacrerouge/,
      );
    } finally {
      process.chdir(cwd);
    }
  });

  it('imports 21 articles into an empty store, then does nothing', () => {
    const { store, close } = fileStore();
    const info: unknown[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void info.push(JSON.parse(line)) });
    expect(importSampleCorpusIfEmpty(store, logger)).toEqual({
      imported: true,
      added: 21,
      updated: 0,
      unchanged: 0,
      failed: 0,
    });
    expect(info).toEqual([
      expect.objectContaining({
        msg: 'imported sample corpus into the empty article store',
        added: 21,
        failed: 0,
      }),
    ]);
    expect(importSampleCorpusIfEmpty(store, logger)).toEqual({
      imported: false,
      added: 0,
      updated: 0,
      unchanged: 0,
      failed: 0,
    });
    expect(store.count()).toBe(21);
    close();
  });

  it('leaves a store that already has articles alone', () => {
    const store = memoryStore();
    store.upsert(article());
    expect(importSampleCorpusIfEmpty(store).imported).toBe(false);
    expect(store.count()).toBe(1);
  });
});
