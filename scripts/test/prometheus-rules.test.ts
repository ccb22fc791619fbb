import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'

// deploy/prometheus: the alerting rules checked and unit-tested by promtool (Debian's `prometheus` package,
// installed by `./focushub install`), and the two Prometheus configurations that load them.

const root = resolve(import.meta.dirname, '../..')
const prometheus = join(root, 'deploy/prometheus')
const promtool = '/usr/bin/promtool'
const yamlFiles = (dir: string) =>
  readdirSync(join(prometheus, dir))
    .filter((name) => name.endsWith('.yml'))
    .map((name) => join(prometheus, dir, name))
const ruleFiles = yamlFiles('rules')
const testFiles = yamlFiles('tests')

// biome-ignore lint/suspicious/noExplicitAny: Prometheus's YAML documents, checked field by field below
type Document = Record<string, any>

const alerts = ruleFiles.flatMap((file) =>
  (parse(readFileSync(file, 'utf8')) as Document).groups.flatMap((group: Document) =>
    group.rules.filter((rule: Document) => rule.alert),
  ),
) as Document[]

function run(command: string, args: string[], cwd = prometheus) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' })
  return { status: result.status, output: `${result.stdout}${result.stderr}`, error: result.error }
}

let work: string

beforeAll(() => {
  expect(existsSync(promtool), `${promtool} is missing: run ./focushub install`).toBe(true)
  work = mkdtempSync(join(tmpdir(), 'prometheus-rules-'))
})

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true })
})

describe('alerting rules', () => {
  it('pass promtool check rules', () => {
    const result = run(promtool, ['check', 'rules', ...ruleFiles])
    expect(result.output).not.toContain('FAILED')
    expect(result.status, result.output).toBe(0)
    expect(alerts.map((alert) => alert.alert).sort()).toEqual([
      'ConsumerLagHigh',
      'EventsDeadLettered',
      'FocusSweeperLagging',
      'GatewayIdempotencyUnavailable',
      'GatewayLiveFanoutLagHigh',
      'GatewayRateLimitRefusing',
      'GatewayRateLimitUnchecked',
      'GatewayUpstreamCircuitOpen',
      'HttpErrorRatioHigh',
      'HttpLatencyP99High',
      'LoadBalancerNoUpstream',
      'LoadBalancerUpstreamUnavailable',
      'OutboxEventsStuck',
      'TargetDown',
    ])
  })

  it('pass their unit tests (promtool test rules)', () => {
    const result = run(promtool, ['test', 'rules', ...testFiles])
    expect(result.status, result.output).toBe(0)
    expect(result.output.match(/SUCCESS/g)).toHaveLength(testFiles.length)
  }, 30_000)

  it('fail a unit test that expects what the rules do not do (the check can fail)', () => {
    const test = parse(readFileSync(join(prometheus, 'tests/processes.test.yml'), 'utf8')) as Document
    test.rule_files = test.rule_files.map((file: string) => join(prometheus, 'tests', file))
    test.tests[0].alert_rule_test[1].exp_alerts[0].exp_labels.instance = 'task-service-1'
    const broken = join(work, 'broken.test.yml')
    writeFileSync(broken, JSON.stringify(test))
    const result = run(promtool, ['test', 'rules', broken])
    expect(result.status).toBe(1)
    expect(result.output).toContain('FAILED')
    expect(result.output).toContain('alertname: TargetDown')
  })

  it('label every alert with a severity and say in its annotations what happened and where to look', () => {
    for (const alert of alerts) {
      expect(['critical', 'warning'], alert.alert).toContain(alert.labels?.severity)
      expect(Object.keys(alert.annotations).sort(), alert.alert).toEqual(['description', 'summary'])
      expect(alert.annotations.description, alert.alert).toMatch(/look|\.\/focushub|dashboard/i)
    }
  })

  it('test every alert both firing and not firing', () => {
    const cases = testFiles.flatMap((file) =>
      (parse(readFileSync(file, 'utf8')) as Document).tests.flatMap((test: Document) => test.alert_rule_test ?? []),
    ) as Document[]
    for (const { alert } of alerts) {
      const own = cases.filter((c) => c.alertname === alert)
      expect(
        own.some((c) => c.exp_alerts.length > 0),
        `${alert} firing`,
      ).toBe(true)
      expect(
        own.some((c) => c.exp_alerts.length === 0),
        `${alert} not firing`,
      ).toBe(true)
    }
  })
})

describe('Prometheus configurations', () => {
  const config = (file: string) => parse(readFileSync(file, 'utf8')) as Document

  it("renders the local stack's from its template: every rule file, the targets file, scraped every 5 s", () => {
    const state = join(work, 'state')
    mkdirSync(join(state, 'run'), { recursive: true })
    mkdirSync(join(state, 'logs'))
    // scripts/prometheus.sh as ./focushub sources it, in a state folder of its own.
    const script = [
      'set -euo pipefail',
      `FOCUSHUB_ROOT=${root} STATE=${state} RUN_DIR=${state}/run LOG_DIR=${state}/logs`,
      'source "$FOCUSHUB_ROOT/scripts/lib.sh"',
      'source "$FOCUSHUB_ROOT/scripts/prometheus.sh"',
      'prometheus_render_config',
    ].join('\n')
    const result = run('bash', ['-c', script], root)
    expect(result.status, result.output).toBe(0)
    // With no targets written yet, an empty list, so that Prometheus starts.
    expect(readFileSync(join(state, 'run/metrics-targets.json'), 'utf8').trim()).toBe('[]')
    const rendered = config(join(state, 'run/prometheus.yml'))
    expect(rendered.global.scrape_interval).toBe('5s')
    expect(rendered.rule_files).toEqual([join(prometheus, 'rules/*.yml')])
    expect(rendered.scrape_configs).toHaveLength(1)
    expect(rendered.scrape_configs[0].file_sd_configs).toEqual([{ files: [join(state, 'run/metrics-targets.json')] }])
    const check = run(promtool, ['check', 'config', join(state, 'run/prometheus.yml')])
    expect(check.status, check.output).toBe(0)
    expect(check.output).toContain(`SUCCESS: ${ruleFiles.length} rule files found`)
  })

  it("gives docker-compose.yml's the same intervals and rules, scraping every service's replicas", () => {
    const local = config(join(prometheus, 'prometheus.yml'))
    const compose = config(join(prometheus, 'prometheus.compose.yml'))
    expect(compose.global).toEqual(local.global)
    expect(compose.rule_files).toEqual(['rules/*.yml'])
    const [scrape] = compose.scrape_configs
    expect(scrape.honor_labels).toBe(local.scrape_configs[0].honor_labels)
    expect(scrape.dns_sd_configs[0].port).toBe(9400)
    const composeFile = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as Document
    const scraped = Object.entries(composeFile.services as Document)
      .filter(([, service]) => service.environment?.METRICS_PORT === '9400')
      .map(([name]) => name)
    expect(scrape.dns_sd_configs[0].names.sort()).toEqual(scraped.sort())
    const check = run(promtool, ['check', 'config', 'prometheus.compose.yml'])
    expect(check.status, check.output).toBe(0)
  })
})
