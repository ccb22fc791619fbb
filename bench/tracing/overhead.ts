// What tracing costs (issue #29: at most 5 % of the chain's throughput at the default sampling): the system
// bench's `chain` variant (NGINX → balancer → gateways → services, bench/system) with tracing on and off,
// side by side. Each round replaces every Node process (./focushub restart, with overlap) with
// OTEL_SDK_DISABLED=false or true — nginx-spans too — and runs one system-bench round; the modes
// alternate, starting with the other one each round, and the medians are compared. The stack is left with
// tracing on. With tracing on, every request is recorded and exported (NGINX samples every trace it
// starts, and the collector, not the process, decides what it keeps), so the default sampling is the
// most a process ever spends on it.
// Run: node bench/tracing/overhead.ts   after ./focushub up. Knobs: BENCH_TRACING_ROUNDS=3, and the
// system bench's (BENCH_SECONDS, BENCH_CONCURRENCY, …; BENCH_CHAIN_URL defaults here to NGINX).
// Results: bench/results/tracing-overhead-<timestamp>.json (each round's system-bench file is read and removed).
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

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
}

function benchRound(): Figures {
  const output = run('node', ['bench/system/run.ts'], {
    BENCH_VARIANTS: 'chain',
    BENCH_ROUNDS: '1',
    BENCH_CHAIN_URL: chainUrl,
    BENCH_NAME: 'tracing-overhead-round',
  })
  const file = /results: (\S+)/.exec(output)?.[1]
  if (!file) throw new Error(`no result file in the system bench's output:\n${output}`)
  const all = JSON.parse(readFileSync(file, 'utf8')).rounds[0].traffic.all
  rmSync(file)
  return { throughput: all.throughput, p50: all.p50, p99: all.p99, errors: all.errors }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

const startedAt = new Date()
const results: ({ round: number; mode: Mode } & Figures)[] = []
try {
  for (let round = 1; round <= rounds; round++) {
    for (const mode of round % 2 ? modes : [...modes].reverse()) {
      switchTracing(mode)
      const figures = benchRound()
      results.push({ round, mode, ...figures })
      console.log(
        `round ${round} tracing ${mode.padEnd(3)} ${figures.throughput}/s p50 ${figures.p50} ms p99 ${figures.p99} ms errors ${figures.errors}`,
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
      },
    ]
  }),
) as Record<Mode, { throughput: number; p50: number; p99: number; errors: number }>
const kept = summary.on.throughput / summary.off.throughput
console.log(
  `\nmedians of ${rounds} rounds: tracing on ${summary.on.throughput}/s (p50 ${summary.on.p50} ms, p99 ${summary.on.p99} ms), off ${summary.off.throughput}/s (p50 ${summary.off.p50} ms, p99 ${summary.off.p99} ms)`,
)
console.log(`tracing on keeps ${(kept * 100).toFixed(1)} % of the throughput (target: at least 95 %)`)
const file = join(root, 'bench/results', `tracing-overhead-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`)
mkdirSync(join(root, 'bench/results'), { recursive: true })
writeFileSync(
  file,
  `${JSON.stringify({ bench: 'bench/tracing/overhead.ts', startedAt, rounds, chainUrl, summary, kept, results }, null, 2)}\n`,
)
console.log(`results: ${file}`)
