import type { RecordedRequest, RequestMatcher } from './types.js';

/** A compiled path template such as `/channels/{channel_id}/messages/{message_id}`. */
export interface PathTemplate {
  template: string;
  regex: RegExp;
  names: string[];
  /** One char per segment, 'l' literal or 'p' parameter; used to prefer literal matches. */
  shape: string;
}

/** Compiles a template whose parameters are `{name}`, `:name` or `*`; a trailing `**` matches any rest. */
export function compileTemplate(template: string): PathTemplate {
  const names: string[] = [];
  let shape = '';
  const parts = template
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      if (segment === '**') {
        shape += 'p';
        return '(?:/.*)?';
      }
      const param =
        /^\{(.+)\}$/.exec(segment)?.[1] ?? /^:(.+)$/.exec(segment)?.[1] ?? (segment === '*' ? '*' : null);
      if (param !== null) {
        names.push(param);
        shape += 'p';
        return '/([^/]+)';
      }
      shape += 'l';
      return `/${segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`;
    });
  return { template, regex: new RegExp(`^${parts.join('')}/?$`), names, shape };
}

/** Path parameters of `path` if it matches the template, else null. */
export function matchTemplate(t: PathTemplate, path: string): Record<string, string> | null {
  const m = t.regex.exec(path);
  if (!m) return null;
  const params: Record<string, string> = {};
  t.names.forEach((name, i) => {
    params[name] = m[i + 1] ?? '';
  });
  return params;
}

/** Sort order that tries `/messages/pins` before `/messages/{message_id}`. */
export function bySpecificity(a: PathTemplate, b: PathTemplate): number {
  return a.shape < b.shape ? -1 : a.shape > b.shape ? 1 : 0;
}

const matcherCache = new Map<string, { method: string; path: PathTemplate }>();

/** Whether a recorded request matches a {@link RequestMatcher}. */
export function requestMatches(matcher: RequestMatcher, req: RecordedRequest): boolean {
  if (typeof matcher === 'function') return matcher(req);
  if (matcher instanceof RegExp) return matcher.test(`${req.method} ${req.path}`);
  let compiled = matcherCache.get(matcher);
  if (!compiled) {
    const [method = '*', path = '/**'] = matcher.trim().split(/\s+/, 2);
    compiled = { method: method.toUpperCase(), path: compileTemplate(path) };
    matcherCache.set(matcher, compiled);
  }
  return (compiled.method === '*' || compiled.method === req.method) && compiled.path.regex.test(req.path);
}
