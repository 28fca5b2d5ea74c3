import type { BriefingLength, BriefingRequest } from '../briefing/types.js';
import type { Invocation } from './command.js';

/** Default window of /news and /briefing post, in hours. */
export const DEFAULT_HOURS = 24;

/** The briefing a member asked for with the topic, hours and length options of /news and /briefing post. */
export function briefingRequest(invocation: Pick<Invocation, 'options' | 'locale'>): BriefingRequest {
  const { options } = invocation;
  return {
    topic: options.getString('topic'),
    hours: options.getNumber('hours') ?? DEFAULT_HOURS,
    // The length option only offers LENGTHS as choices, and options are validated against them.
    length: (options.getString('length') ?? 'standard') as BriefingLength,
    locale: invocation.locale,
  };
}
