import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../src/console/parse-line.js';
import { UserFacingError } from '../../src/errors.js';

describe('parseCommandLine', () => {
  it('reads options written name:value as in Discord', () => {
    expect(parseCommandLine('/news topic:iraq hours:48 length:short')).toEqual({
      commandName: 'news',
      subcommand: null,
      rawOptions: { topic: 'iraq', hours: '48', length: 'short' },
    });
  });

  it('lets a value run until the next option, and strips quotes', () => {
    expect(parseCommandLine('/news topic:climate change summit hours:12')?.rawOptions).toEqual({
      topic: 'climate change summit',
      hours: '12',
    });
    expect(parseCommandLine('/news topic:"a b:c" private:true')?.rawOptions).toEqual({
      topic: 'a b:c',
      private: 'true',
    });
  });

  it('reads a subcommand right after the command', () => {
    expect(parseCommandLine('/briefing post topic:x')).toMatchObject({
      commandName: 'briefing',
      subcommand: 'post',
    });
  });

  it('ignores blank and comment lines', () => {
    expect(parseCommandLine('   ')).toBeNull();
    expect(parseCommandLine('# a comment')).toBeNull();
  });

  it.each(['news topic:iraq', '/news what is this topic:x', '/news topic:a topic:b'])(
    'refuses %j with a user-facing message',
    (line) => {
      expect(() => parseCommandLine(line)).toThrow(UserFacingError);
    },
  );
});
