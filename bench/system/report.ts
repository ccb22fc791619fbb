// Medians over the rounds of each variant, printed side by side, and the machine they ran on.
import { cpus, loadavg, totalmem } from 'node:os'
import { median } from '../support/results.ts'
import type { ProcessFigures } from './stack-processes.ts'
import type { ScenarioFigures, TrafficFigures } from './traffic.ts'

export interface RoundResult {
  round: number
  variant: string
  traffic: TrafficFigures
  processes: Record<string, ProcessFigures>
  benchCpuSeconds: number
  loadAverage: number[]
}

/** The median, or null when every round lost the figure (the process was restarted during each). */
const measured = (values: number[]) => (values.length ? median(values) : null)
const answered = (r: RoundResult) => Math.max(1, r.traffic.all.ok + r.traffic.all.errors + r.traffic.all.throttled)
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0)

export function machine() {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    loadAverage: loadavg().map((value) => Math.round(value * 100) / 100),
  }
}

function summarizeScenario(runs: ScenarioFigures[]) {
  return {
    throughput: median(runs.map((r) => r.throughput)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    ok: sum(runs.map((r) => r.ok)),
    errors: sum(runs.map((r) => r.errors)),
    throttled: sum(runs.map((r) => r.throttled)),
  }
}

export type ScenarioSummary = ReturnType<typeof summarizeScenario>

/** Per variant: each scenario's medians over the rounds (counts summed), and each process's median CPU. */
export function summarize(results: RoundResult[]) {
  const variants = [...new Set(results.map((r) => r.variant))]
  return Object.fromEntries(
    variants.map((variant) => {
      const runs = results.filter((r) => r.variant === variant)
      const scenarioNames = [...new Set(runs.flatMap((r) => Object.keys(r.traffic.byScenario)))].sort()
      const processNames = Object.keys(runs[0].processes)
      const scenarios = Object.fromEntries(
        scenarioNames.map((name) => [name, summarizeScenario(runs.flatMap((r) => r.traffic.byScenario[name] ?? []))]),
      )
      const processes = Object.fromEntries(
        processNames.map((name) => [
          name,
          {
            cpuSeconds: measured(runs.flatMap((r) => r.processes[name]?.cpuSeconds ?? [])),
            // CPU per answered scenario: far less sensitive to the other load on the machine than latency.
            cpuMsPerRequest: measured(
              runs.flatMap((r) => {
                const cpu = r.processes[name]?.cpuSeconds
                return cpu == null ? [] : [Math.round((cpu * 1e5) / answered(r)) / 100]
              }),
            ),
            peakRssMiB: Math.max(...runs.map((r) => r.processes[name]?.peakRssMiB ?? 0)),
          },
        ]),
      )
      const all = summarizeScenario(runs.map((r) => r.traffic.all))
      const benchCpuSeconds = median(runs.map((r) => r.benchCpuSeconds))
      const stackCpuMsPerRequest = median(
        runs.map(
          (r) => Math.round((sum(Object.values(r.processes).map((p) => p.cpuSeconds ?? 0)) * 1e5) / answered(r)) / 100,
        ),
      )
      return [variant, { all, scenarios, processes, stackCpuMsPerRequest, benchCpuSeconds }]
    }),
  )
}

export type Summary = ReturnType<typeof summarize>

const cell = (text: string | number, width: number) => String(text).padStart(width)

export function printSummary(
  summary: Summary,
  seconds: number,
  idle: { seconds: number; processes: Record<string, ProcessFigures> },
) {
  const variants = Object.keys(summary)
  const scenarioNames = [...new Set(variants.flatMap((v) => Object.keys(summary[v].scenarios)))]
  const head = variants.map((v) => cell(v, 37)).join('')
  console.log(
    `\nScenarios (medians of the rounds; ok/s, p50 ms, p99 ms; errors and 429s summed)\n${''.padEnd(14)}${head}`,
  )
  const line = (name: string, pick: (v: string) => ScenarioSummary | undefined) => {
    const cells = variants.map((v) => {
      const s = pick(v)
      return s ? cell(`${s.throughput}/s ${s.p50} ${s.p99}  e${s.errors} t${s.throttled}`, 37) : cell('-', 37)
    })
    console.log(`${name.padEnd(14)}${cells.join('')}`)
  }
  for (const name of scenarioNames) line(name, (v) => summary[v].scenarios[name])
  line('all', (v) => summary[v].all)

  const base = summary[variants[0]].all
  for (const v of variants.slice(1)) {
    const s = summary[v].all
    console.log(
      `${v} vs ${variants[0]}: ${((100 * s.throughput) / base.throughput).toFixed(1)}% of the throughput, p50 ${(s.p50 - base.p50).toFixed(2)} ms more, p99 ${(s.p99 / base.p99).toFixed(2)}×`,
    )
  }

  console.log(
    `\nProcesses (CPU seconds in a ${seconds}-s run and CPU ms per scenario answered, medians; peak RSS MiB, max;\nidle: CPU seconds in ${idle.seconds} s without bench traffic)\n${''.padEnd(16)}${[...variants, 'idle'].map((v) => cell(v, 30)).join('')}`,
  )
  for (const name of Object.keys(summary[variants[0]].processes)) {
    const cells = variants.map((v) => {
      const p = summary[v].processes[name]
      return cell(`${p.cpuSeconds?.toFixed(1) ?? '?'} s ${p.cpuMsPerRequest ?? '?'} ms ${p.peakRssMiB} MiB`, 30)
    })
    const quiet = idle.processes[name]
    console.log(`${name.padEnd(16)}${cells.join('')}${cell(`${quiet?.cpuSeconds?.toFixed(1) ?? '?'} s`, 30)}`)
  }
  const row = (name: string, text: (v: string) => string) =>
    console.log(`${name.padEnd(16)}${variants.map((v) => cell(text(v), 30)).join('')}`)
  row('whole stack', (v) => `${summary[v].stackCpuMsPerRequest} ms`)
  row('bench (client)', (v) => `${summary[v].benchCpuSeconds.toFixed(1)} s`)
}
