// What a bench run records: the machine it ran on, percentiles of its samples, and its result file.
import { writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import { percentile } from './steady-rate.ts'

const resultsDir = new URL('../results/', import.meta.url).pathname

export const machine = () => ({ cores: cpus().length, load: loadavg().map((value) => Number(value.toFixed(2))) })

/** count, p50, p99 and max of some samples, to `digits` decimals. */
export function stats(samples: number[], digits = 1) {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (p: number) => Number((percentile(sorted, p) ?? Number.NaN).toFixed(digits))
  return { count: sorted.length, p50: at(50), p99: at(99), max: Number((sorted.at(-1) ?? Number.NaN).toFixed(digits)) }
}

/** The median of some figures (the mean of the middle two for an even count). */
export function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/** Writes a run's record to bench/results/<name>-<startedAt>.json and says where. */
export function writeResults(
  name: string,
  record: {
    bench: string
    startedAt: Date
    machine: { before: object; after: object }
    config: object
    results: object
  },
) {
  const file = join(resultsDir, `${name}-${record.startedAt.toISOString().replace(/[:.]/g, '-')}.json`)
  writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`)
  console.log(`→ ${file}`)
}
