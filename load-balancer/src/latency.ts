import { createHistogram, type RecordableHistogram } from 'node:perf_hooks'

/** Upper bounds in seconds of the Prometheus histogram buckets. */
export const latencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

/** Response-time distribution: exact-enough percentiles (HDR histogram) and cumulative Prometheus buckets. */
export class LatencyStats {
  readonly buckets = new Array<number>(latencyBuckets.length).fill(0)
  count = 0
  sumSeconds = 0
  readonly #histogram: RecordableHistogram = createHistogram({ lowest: 1, highest: 3_600_000_000, figures: 3 })

  record(seconds: number) {
    this.count++
    this.sumSeconds += seconds
    this.#histogram.record(Math.max(1, Math.round(seconds * 1e6)))
    for (let i = 0; i < latencyBuckets.length; i++) if (seconds <= latencyBuckets[i]) this.buckets[i]++
  }

  /** Milliseconds at the 50th, 90th, 99th and 99.9th percentile since start. */
  percentiles() {
    const at = (p: number) => (this.count === 0 ? 0 : Math.round(this.#histogram.percentile(p) / 10) / 100)
    return { p50: at(50), p90: at(90), p99: at(99), p999: at(99.9) }
  }
}
