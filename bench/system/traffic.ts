// Closed-loop mixed traffic: BENCH_CONCURRENCY workers, each taking the idle virtual user that waited
// longest, drawing a scenario by the mix's weights, and sending the next one as soon as it is
// answered. A user is never used by two workers at once (its running session and open tasks stay
// its own), and with many more users than workers each one acts only every so often, like a person.
import type { Dispatcher } from 'undici'
import type { BenchConfig, ScenarioName } from './config.ts'
import { type Outcome, scenarios } from './scenarios.ts'
import type { Variant } from './variants.ts'
import type { VirtualUser } from './virtual-users.ts'

export interface ScenarioFigures {
  /** Answered as expected, per second. */
  throughput: number
  ok: number
  /** 429: the stack's rate limits, counted apart from errors. */
  throttled: number
  /** Any other status, no answer at all, or the expected status with a wrong body. */
  errors: number
  /** Latency of the answers counted in `ok`, in ms. */
  p50: number
  p90: number
  p99: number
  max: number
  statuses: Record<string, number>
  /** The first few errors, as they came: what to look at when `errors` is not 0. */
  errorSamples: Outcome[]
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]

function drawer(mix: Record<ScenarioName, number>) {
  const entries = Object.entries(mix).filter(([, weight]) => weight > 0) as [ScenarioName, number][]
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0)
  return () => {
    let point = Math.random() * total
    for (const [name, weight] of entries) {
      point -= weight
      if (point < 0) return name
    }
    return entries[entries.length - 1][0]
  }
}

class Tally {
  latencies: number[] = []
  throttled = 0
  errors = 0
  statuses: Record<string, number> = {}
  errorSamples: Outcome[] = []

  add(outcome: Outcome, ms: number) {
    this.statuses[outcome.status] = (this.statuses[outcome.status] ?? 0) + 1
    if (outcome.status === 429) this.throttled++
    else if (outcome.status >= 300 || outcome.status === 0 || outcome.wrong) {
      this.errors++
      if (this.errorSamples.length < 5) this.errorSamples.push(outcome)
    } else this.latencies.push(ms)
  }

  figures(seconds: number): ScenarioFigures {
    const sorted = this.latencies.sort((a, b) => a - b)
    const round = (ms: number) => Math.round(ms * 100) / 100
    return {
      throughput: Math.round((sorted.length / seconds) * 10) / 10,
      ok: sorted.length,
      throttled: this.throttled,
      errors: this.errors,
      p50: round(percentile(sorted, 50)),
      p90: round(percentile(sorted, 90)),
      p99: round(percentile(sorted, 99)),
      max: round(sorted.at(-1) ?? 0),
      statuses: this.statuses,
      errorSamples: this.errorSamples,
    }
  }
}

export async function runTraffic(
  options: { http: Dispatcher; variant: Variant; config: BenchConfig; users: VirtualUser[] },
  seconds: number,
) {
  const { config } = options
  const draw = drawer(config.mix)
  const idle = [...options.users]
  const tallies = new Map<string, Tally>()
  const tallyOf = (name: string) => tallies.get(name) ?? tallies.set(name, new Tally()).get(name)!
  const started = performance.now()
  const end = started + seconds * 1000

  const worker = async () => {
    while (performance.now() < end) {
      const user = idle.shift()!
      const name = draw()
      const sent = performance.now()
      const outcome = await scenarios[name]({ ...options, user }).catch(
        (error: Error): Outcome => ({ scenario: name, status: 0, wrong: `no answer: ${error.message}` }),
      )
      tallyOf(outcome.scenario).add(outcome, performance.now() - sent)
      idle.push(user)
    }
  }
  await Promise.all(Array.from({ length: Math.min(config.concurrency, options.users.length) }, worker))

  const elapsed = (performance.now() - started) / 1000
  const all = new Tally()
  for (const tally of tallies.values()) {
    for (const ms of tally.latencies) all.latencies.push(ms)
    all.throttled += tally.throttled
    all.errors += tally.errors
  }
  const byScenario = Object.fromEntries([...tallies].map(([name, tally]) => [name, tally.figures(elapsed)]))
  return { seconds: elapsed, all: all.figures(elapsed), byScenario }
}

export type TrafficFigures = Awaited<ReturnType<typeof runTraffic>>
