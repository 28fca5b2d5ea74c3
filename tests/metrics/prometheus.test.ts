import { describe, expect, it } from 'vitest';
import { noMetrics } from '../../src/metrics/metrics.js';
import { PrometheusMetrics } from '../../src/metrics/prometheus.js';

/** The value of one series in the exposition text, e.g. `newsdesk_cache_lookups_total{result="hit"}`. */
function value(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('PrometheusMetrics', () => {
  it('counts every event under its Prometheus name and labels', async () => {
    const m = new PrometheusMetrics();
    m.interaction('news', 'ok', 0.3);
    m.interaction('news', 'ok', 4);
    m.interaction('digest', 'refused', 0.01);
    m.cacheLookup(true);
    m.cacheLookup(false);
    m.cacheLookup(false);
    m.llmCall('ok', { input: 100, output: 50 }, 'briefing');
    m.llmCall('rate_limited', { input: 0, output: 0 }, 'briefing');
    m.llmCall('ok', { input: 700, output: 90 }, 'notes');
    m.articlesIngested(3, 'feed');
    m.articlesIngested(0, 'page');
    m.feedPoll('ok');
    m.feedPoll('not_modified');
    m.feedPoll('failed');
    m.digestRun('posted');
    const { body, contentType } = await m.render();
    expect(contentType).toMatch(/^text\/plain/);
    expect(value(body, 'newsdesk_interactions_total{command="news",outcome="ok"}')).toBe(2);
    expect(value(body, 'newsdesk_interactions_total{command="digest",outcome="refused"}')).toBe(1);
    expect(value(body, 'newsdesk_reply_seconds_count{command="news"}')).toBe(2);
    expect(value(body, 'newsdesk_reply_seconds_bucket{le="0.5",command="news"}')).toBe(1);
    expect(value(body, 'newsdesk_reply_seconds_sum{command="news"}')).toBeCloseTo(4.3);
    expect(value(body, 'newsdesk_cache_lookups_total{result="hit"}')).toBe(1);
    expect(value(body, 'newsdesk_cache_lookups_total{result="miss"}')).toBe(2);
    expect(value(body, 'newsdesk_llm_calls_total{outcome="ok",purpose="briefing"}')).toBe(1);
    expect(value(body, 'newsdesk_llm_calls_total{outcome="error",purpose="briefing"}')).toBe(1);
    expect(value(body, 'newsdesk_llm_calls_total{outcome="ok",purpose="notes"}')).toBe(1);
    expect(value(body, 'newsdesk_llm_tokens_total{kind="input",purpose="notes"}')).toBe(700);
    expect(value(body, 'newsdesk_llm_calls_total{outcome="ok",purpose="translation"}')).toBe(0);
    expect(value(body, 'newsdesk_llm_errors_total{reason="rate_limited"}')).toBe(1);
    expect(value(body, 'newsdesk_llm_tokens_total{kind="input",purpose="briefing"}')).toBe(100);
    expect(value(body, 'newsdesk_llm_tokens_total{kind="output",purpose="briefing"}')).toBe(50);
    expect(value(body, 'newsdesk_articles_ingested_total{source="feed"}')).toBe(3);
    expect(value(body, 'newsdesk_articles_ingested_total{source="page"}')).toBeUndefined();
    expect(value(body, 'newsdesk_feed_polls_total{outcome="not_modified"}')).toBe(1);
    expect(value(body, 'newsdesk_digest_runs_total{outcome="posted"}')).toBe(1);
    expect(m.cacheCounts()).toEqual({ hits: 1, misses: 2 });
  });

  it('shows zero series for cache and LLM before anything happened', async () => {
    const { body } = await new PrometheusMetrics().render();
    expect(value(body, 'newsdesk_cache_lookups_total{result="hit"}')).toBe(0);
    expect(value(body, 'newsdesk_llm_calls_total{outcome="ok",purpose="briefing"}')).toBe(0);
    expect(body).toContain('# TYPE newsdesk_reply_seconds histogram');
  });

  it('keeps each instance in its own registry, so two apps in one process do not collide', async () => {
    const a = new PrometheusMetrics();
    const b = new PrometheusMetrics();
    a.interaction('news', 'ok', 1);
    expect(value((await a.render()).body, 'newsdesk_interactions_total{command="news",outcome="ok"}')).toBe(
      1,
    );
    expect(
      value((await b.render()).body, 'newsdesk_interactions_total{command="news",outcome="ok"}'),
    ).toBeUndefined();
  });

  it('never turns odd text into a label value', async () => {
    const m = new PrometheusMetrics();
    m.interaction('news topic:<@123> "x"', 'ok', 1);
    m.digestRun('a'.repeat(200));
    const { body } = await m.render();
    expect(value(body, 'newsdesk_interactions_total{command="other",outcome="ok"}')).toBe(1);
    expect(value(body, 'newsdesk_digest_runs_total{outcome="other"}')).toBe(1);
    expect(body).not.toContain('<@123>');
  });

  it('adds the process metrics only when asked', async () => {
    expect((await new PrometheusMetrics().render()).body).not.toContain('process_cpu_seconds_total');
    const { body } = await new PrometheusMetrics({ processMetrics: true }).render();
    expect(body).toContain('process_cpu_seconds_total');
    expect(body).toContain('nodejs_eventloop_lag_seconds');
  });

  it('has a no-op default that accepts every event', () => {
    expect(() => {
      noMetrics.interaction('news', 'ok', 1);
      noMetrics.llmCall('ok', { input: 1, output: 1 });
    }).not.toThrow();
  });
});
