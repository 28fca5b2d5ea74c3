import { z } from 'zod';

/** The JSON shape the prompt asks the model for, before verification. */
export interface RawBriefing {
  headline: string;
  bullets: { text: string; sources: number[] }[];
}

/** JSON Schema sent as structured output (strict mode: every property required, no extras). */
export const BRIEFING_JSON_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['headline', 'bullets'],
  properties: {
    headline: { type: 'string' },
    bullets: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['text', 'sources'],
        properties: { text: { type: 'string' }, sources: { type: 'array', items: { type: 'integer' } } },
      },
    },
  },
} as const;

/** Citation ids as models actually write them: 3, "3", "[3]", "#3", "id 3", "3, 4". */
const ids = z
  .union([z.array(z.union([z.number(), z.string()])), z.number(), z.string()])
  .transform((value) => {
    const list = Array.isArray(value) ? value : [value];
    return list
      .flatMap((v) => (typeof v === 'number' ? [v] : [...v.matchAll(/\d+/g)].map((m) => Number(m[0]))))
      .filter((n) => Number.isInteger(n));
  });

const bullet = z.union([
  z
    .string()
    .transform((text) => ({ text, sources: [...text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])) })),
  z
    .object({
      text: z.string().optional(),
      bullet: z.string().optional(),
      summary: z.string().optional(),
      sources: ids.optional(),
      citations: ids.optional(),
      ids: ids.optional(),
    })
    .transform((b) => ({
      text: b.text ?? b.bullet ?? b.summary ?? '',
      sources: b.sources ?? b.citations ?? b.ids ?? [],
    })),
]);

const briefing = z.object({
  headline: z.string().optional(),
  title: z.string().optional(),
  bullets: z.array(bullet).optional(),
  points: z.array(bullet).optional(),
});

/**
 * The JSON object a model answered with, whatever chatter or code fences surround it (one trailing comma
 * forgiven); null when there is none.
 */
export function parseJsonAnswer(text: string): unknown {
  const json = extractJsonObject(text);
  if (!json) return null;
  try {
    return JSON.parse(json);
  } catch {
    try {
      return JSON.parse(json.replace(/,\s*([}\]])/g, '$1'));
    } catch {
      return null;
    }
  }
}

/** Finds the outermost JSON object in text that may carry code fences or chatter around it. */
function extractJsonObject(text: string): string | null {
  const unfenced = text.replace(/```(?:json)?\s*([\s\S]*?)```/i, '$1');
  const start = unfenced.indexOf('{');
  const end = unfenced.lastIndexOf('}');
  return start >= 0 && end > start ? unfenced.slice(start, end + 1) : null;
}

/**
 * Parses the model's answer tolerantly (code fences, chatter, alternative key names, ids written as
 * strings). Returns null when there is no usable briefing in it.
 */
export function parseBriefingOutput(text: string): RawBriefing | null {
  const value = parseJsonAnswer(text);
  if (value === null) return null;
  const parsed = briefing.safeParse(value);
  if (!parsed.success) return null;
  const bullets = (parsed.data.bullets ?? parsed.data.points ?? []).filter((b) => b.text.trim());
  const headline = parsed.data.headline ?? parsed.data.title ?? '';
  return bullets.length ? { headline, bullets } : null;
}
