// What tracing costs (issue #29: at most 5 % of the chain's throughput at the default sampling): the system
// bench's `chain` variant (NGINX → balancer → gateways → services, bench/system) with tracing on and off,
// side by side. Each round replaces every Node process (./focushub restart, with overlap) with
// OTEL_SDK_DISABLED=false or true — nginx-spans too — and runs one system-bench round; the modes
// alternate, starting with the other one each round, and the medians are compared: the throughput, and
// the stack's CPU per request, which a machine others use disturbs far less. The stack is left with
// tracing on, at its configured sampling (TRACE_SAMPLE_PERCENT).
// Run: node bench/tracing/overhead.ts   after ./focushub up. Knobs: BENCH_TRACING_ROUNDS=3, and the
// system bench's (BENCH_SECONDS, BENCH_CONCURRENCY, …; BENCH_CHAIN_URL defaults here to NGINX).
// Results: bench/results/tracing-overhead-<timestamp>.json (each round's system-bench file is read and removed).
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { median } from '../support/results.ts'

const root = new URL('../../', import.meta.url).pathname
const rounds = Number(process.env.BENCH_TRACING_ROUNDS ?? 3)
const chainUrl = process.env.BENCH_CHAIN_URL ?? `http://127.0.0.1:${process.env.NGINX_PORT ?? '80'}`
const modes = ['on', 'off'] as const
type Mode = (typeof modes)[number]

function run(command: string, args: string[], env: Record<string, string>) {
  const result = spawnSync(command, args, { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' })
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}${result.stderr}`)
  return result.stdout
}

function switchTracing(mode: Mode) {
  const env = { OTEL_SDK_DISABLED: String(mode === 'off') }
  run('./focushub', ['restart'], env)
  run('./focushub', ['ctl', 'restart', 'nginx-spans'], env)
}

interface Figures {
  throughput: number
  p50: number
  p99: number
  errors: number
  /**
   * CPU of the stack's processes per answered request, in ms (the system bench's /proc figures): far
   * steadier than the throughput on a machine others use. `collecting` is Jaeger's and nginx-spans', which
   * production runs elsewhere; `serving` is every other process's (Node, NGINX, PostgreSQL, Redis, Kafka).
   */
  cpuMsPerRequest: { serving: number; collecting: number }
  /** The same by component (`gateway`, `task-service`, `postgres` …: its replicas together): where it goes. */
  cpuMsPerRequestOf: Record<string, number>
}

/** The processes that receive spans: their CPU is tracing's too, but not the serving processes'. */
const collectors = new Set(['jaeger', 'nginx-spans'])

function benchRound(): Figures {
  const output = run('node', ['bench/system/run.ts'], {
    BENCH_VARIANTS: 'chain',
    BENCH_ROUNDS: '1',
    BENCH_CHAIN_URL: chainUrl,
    BENCH_NAME: 'tracing-overhead-round',
  })
  const file = /results: (\S+)/.exec(output)?.[1]
  if (!file) throw new Error(`no result file in the system bench's output:\n${output}`)
  const [round] = JSON.parse(readFileSync(file, 'utf8')).rounds as {
    traffic: { all: { throughput: number; p50: number; p99: number; errors: number; ok: number; throttled: number } }
    processes: Record<string, { cpuSeconds: number | null }>
  }[]
  rmSync(file)
  const { all } = round.traffic
  const answered = all.ok + all.throttled + all.errors
  const cpuMs = (collecting: boolean) =>
    Math.round(
      (Object.entries(round.processes)
        .filter(([name]) => collectors.has(name) === collecting)
        .reduce((total, [, figures]) => total + (figures.cpuSeconds ?? 0), 0) *
        1000 *
        100) /
        answered,
    ) / 100
  const cpuMsPerRequestOf: Record<string, number> = {}
  for (const [name, figures] of Object.entries(round.processes)) {
    const component = name.replace(/-\d+$/, '')
    cpuMsPerRequestOf[component] = (cpuMsPerRequestOf[component] ?? 0) + ((figures.cpuSeconds ?? 0) * 1000) / answered
  }
  for (const component in cpuMsPerRequestOf)
    cpuMsPerRequestOf[component] = Math.round(cpuMsPerRequestOf[component] * 100) / 100
  return {
    throughput: all.throughput,
    p50: all.p50,
    p99: all.p99,
    errors: all.errors,
    cpuMsPerRequest: { serving: cpuMs(false), collecting: cpuMs(true) },
    cpuMsPerRequestOf,
  }
}

const startedAt = new Date()
const results: ({ round: number; mode: Mode } & Figures)[] = []
try {
  for (let round = 1; round <= rounds; round++) {
    for (const mode of round % 2 ? modes : [...modes].reverse()) {
      switchTracing(mode)
      const figures = benchRound()
      results.push({ round, mode, ...figures })
      const { serving, collecting } = figures.cpuMsPerRequest
      console.log(
        `round ${round} tracing ${mode.padEnd(3)} ${figures.throughput}/s p50 ${figures.p50} ms p99 ${figures.p99} ms ` +
          `errors ${figures.errors}; CPU per request ${serving} ms serving + ${collecting} ms collecting`,
      )
    }
  }
} finally {
  if (results.at(-1)?.mode !== 'on') switchTracing('on')
}

const summary = Object.fromEntries(
  modes.map((mode) => {
    const of = results.filter((result) => result.mode === mode)
    return [
      mode,
      {
        throughput: median(of.map((r) => r.throughput)),
        p50: median(of.map((r) => r.p50)),
        p99: median(of.map((r) => r.p99)),
        errors: of.reduce((total, r) => total + r.errors, 0),
        cpuMsPerRequest: {
          serving: median(of.map((r) => r.cpuMsPerRequest.serving)),
          collecting: median(of.map((r) => r.cpuMsPerRequest.collecting)),
        },
        cpuMsPerRequestOf: Object.fromEntries(
          Object.keys(of[0]?.cpuMsPerRequestOf ?? {}).map((component) => [
            component,
            median(of.map((r) => r.cpuMsPerRequestOf[component] ?? 0)),
          ]),
        ),
      },
    ]
  }),
) as Record<Mode, Figures>
const kept = summary.on.throughput / summary.off.throughput
// On a machine whose cores the stack saturates, the throughput kept is what the CPU per request allows.
const cpuOf = (mode: Mode, collecting: boolean) =>
  summary[mode].cpuMsPerRequest.serving + (collecting ? summary[mode].cpuMsPerRequest.collecting : 0)
const keptByCpu = {
  serving: cpuOf('off', false) / cpuOf('on', false),
  withCollector: cpuOf('off', true) / cpuOf('on', true),
}
console.log(
  `\nmedians of ${rounds} rounds: tracing on ${summary.on.throughput}/s (p50 ${summary.on.p50} ms, p99 ${summary.on.p99} ms), off ${summary.off.throughput}/s (p50 ${summary.off.p50} ms, p99 ${summary.off.p99} ms)`,
)
console.log(`tracing on keeps ${(kept * 100).toFixed(1)} % of the throughput (target: at least 95 %)`)
console.log('CPU per request by component, ms (on / off):')
for (const component of Object.keys(summary.on.cpuMsPerRequestOf)) {
  console.log(
    `  ${component.padEnd(22)} ${summary.on.cpuMsPerRequestOf[component]} / ${summary.off.cpuMsPerRequestOf[component]}`,
  )
}
console.log(
  `by CPU per request: the serving processes keep ${(keptByCpu.serving * 100).toFixed(1)} %, ` +
    `with Jaeger and nginx-spans on the same cores ${(keptByCpu.withCollector * 100).toFixed(1)} %`,
)
const file = join(root, 'bench/results', `tracing-overhead-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`)
mkdirSync(join(root, 'bench/results'), { recursive: true })
writeFileSync(
  file,
  `${JSON.stringify({ bench: 'bench/tracing/overhead.ts', startedAt, rounds, chainUrl, summary, kept, keptByCpu, results }, null, 2)}\n`,
)
console.log(`results: ${file}`)
