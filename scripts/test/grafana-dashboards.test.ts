import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

// deploy/grafana: the dashboards docker-compose.yml's Grafana provisions, held to the metrics the processes
// export (shared/src/metrics and its callers), the recording rules of deploy/prometheus and the provisioned
// Prometheus data source.

const root = resolve(import.meta.dirname, '../..')
const grafana = join(root, 'deploy/grafana')

/** What the Node processes export (prom-client's own among them), and what Prometheus adds. */
const exported = [
  'http_requests_total',
  'http_request_duration_seconds_bucket',
  'process_cpu_seconds_total',
  'nodejs_heap_size_used_bytes',
  'nodejs_eventloop_lag_p99_seconds',
  'db_pool_connections',
  'outbox_backlog_events',
  'outbox_oldest_unpublished_age_seconds',
  'outbox_published_events_total',
  'events_applied_total',
  'events_dead_lettered_total',
  'consumer_lag_events',
  'background_job_runs_total',
  'background_job_duration_seconds_bucket',
  'focus_sweeper_lag_seconds',
  'idempotent_writes_replayed_total',
  'gateway_rate_limit_decisions_total',
  'gateway_idempotency_outcomes_total',
  'gateway_upstream_circuit_state',
  'gateway_upstream_circuit_opened_total',
  'gateway_live_connections',
  'gateway_live_fanout_lag_seconds_bucket',
  'focushub_lb_upstream_requests_total',
]
const builtIn = ['up', 'ALERTS']
const recorded = readdirSync(join(root, 'deploy/prometheus/rules')).flatMap((file) =>
  // biome-ignore lint/suspicious/noExplicitAny: a rule file's YAML
  (parse(readFileSync(join(root, 'deploy/prometheus/rules', file), 'utf8')) as any).groups.flatMap((group: any) =>
    group.rules.flatMap((rule: { record?: string }) => rule.record ?? []),
  ),
) as string[]
const known = new Set([...exported, ...builtIn, ...recorded])

const promqlWords = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'offset'])
const promqlOperators = new Set(['and', 'or', 'unless'])

/** The metric names a PromQL expression reads: what is left without strings, matchers, ranges, groupings,
 * functions, keywords, numbers and Grafana's variables. */
function metricNames(expr: string) {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\$\w+/g, ' ')
  return [...bare.matchAll(/([A-Za-z_:][A-Za-z0-9_:]*)(\s*\()?/g)]
    .filter(([, name, call]) => !call && !promqlWords.has(name) && !promqlOperators.has(name))
    .map(([, name]) => name)
}

// biome-ignore lint/suspicious/noExplicitAny: Grafana's dashboard model, checked field by field below
type Json = Record<string, any>

const datasource = parse(readFileSync(join(grafana, 'provisioning/datasources/prometheus.yml'), 'utf8')).datasources[0]
const dashboardFiles = readdirSync(join(grafana, 'dashboards')).filter((name) => name.endsWith('.json'))
const dashboards = dashboardFiles.map((file) => ({
  file,
  dashboard: JSON.parse(readFileSync(join(grafana, 'dashboards', file), 'utf8')) as Json,
}))

describe('metricNames', () => {
  it('finds the metrics of an expression, and nothing else', () => {
    expect(
      metricNames(
        'sum by (service, le) (rate(http_request_duration_seconds_bucket{route!~".*/(events|ws)",x="a{b}"}[$__rate_interval])) / on (service) group_left up or vector(0) > bool 0.5',
      ),
    ).toEqual(['http_request_duration_seconds_bucket', 'up'])
    expect(metricNames('histogram_quantile(0.99, sum by (le) (rate(http_requests_totl[5m])))')).toEqual([
      'http_requests_totl',
    ])
  })
})

describe('dashboards', () => {
  it('are the overview, one per service and the events, each with its own uid', () => {
    expect(dashboardFiles.sort()).toEqual(['events.json', 'overview.json', 'service.json'])
    const uids = dashboards.map(({ dashboard }) => dashboard.uid)
    expect(new Set(uids).size).toBe(uids.length)
    for (const { file, dashboard } of dashboards) {
      expect(dashboard.schemaVersion, file).toBeGreaterThanOrEqual(39)
      expect(dashboard.title, file).toMatch(/^FocusHub /)
    }
  })

  it.each(dashboardFiles)('%s: every panel reads the provisioned Prometheus, and only known metrics', (file) => {
    const { dashboard } = dashboards.find((d) => d.file === file)!
    const panels = (dashboard.panels as Json[]).filter((panel) => panel.type !== 'row')
    expect(panels.length).toBeGreaterThan(0)
    const ids = (dashboard.panels as Json[]).map((panel) => panel.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const panel of panels) {
      const where = `${file}: ${panel.title}`
      expect(panel.datasource, where).toEqual({ type: 'prometheus', uid: datasource.uid })
      expect(panel.gridPos.x + panel.gridPos.w, where).toBeLessThanOrEqual(24)
      expect(panel.targets.length, where).toBeGreaterThan(0)
      for (const target of panel.targets) {
        expect(target.datasource, where).toEqual(panel.datasource)
        const names = metricNames(target.expr)
        expect(names.length, `${where}: ${target.expr}`).toBeGreaterThan(0)
        expect(
          names.filter((name) => !known.has(name)),
          `${where}: ${target.expr}`,
        ).toEqual([])
      }
    }
    for (const variable of dashboard.templating.list as Json[]) {
      expect(variable.datasource, variable.name).toEqual({ type: 'prometheus', uid: datasource.uid })
      const [, metric] = /^label_values\(([^,)]+)/.exec(variable.definition)!
      expect(known.has(metric), variable.definition).toBe(true)
    }
  })

  it('templates the service dashboard by $service, and every one of its queries uses it', () => {
    const { dashboard } = dashboards.find((d) => d.file === 'service.json')!
    expect(dashboard.templating.list.map((v: Json) => v.name)).toEqual(['service'])
    const exprs = (dashboard.panels as Json[]).flatMap((panel) => (panel.targets ?? []).map((t: Json) => t.expr))
    for (const expr of exprs) expect(expr).toContain('service="$service"')
  })
})

describe('provisioning', () => {
  it("gives Grafana compose's Prometheus as its data source and the dashboards folder read-only", () => {
    expect(datasource).toMatchObject({ type: 'prometheus', url: 'http://prometheus:9090', isDefault: true })
    const provider = parse(readFileSync(join(grafana, 'provisioning/dashboards/focushub.yml'), 'utf8')).providers[0]
    expect(provider).toMatchObject({ type: 'file', allowUiUpdates: false })
    const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'))
    const volumes = compose.services.grafana.volumes as string[]
    expect(volumes).toContain(`./deploy/grafana/dashboards:${provider.options.path}:ro`)
    expect(volumes).toContain('./deploy/grafana/provisioning:/etc/grafana/provisioning:ro')
    expect(compose.services.grafana.environment.GF_AUTH_ANONYMOUS_ENABLED).toBe('false')
  })
})
