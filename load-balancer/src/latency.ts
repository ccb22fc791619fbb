import { createHistogram, type RecordableHistogram } from 'node:perf_hooks'

/** Response-time percentiles for /lb/status (an HDR histogram); the Prometheus histograms are prom-client's. */
export class LatencyStats {
  count = 0
  readonly #histogram: RecordableHistogram = createHistogram({ lowest: 1, highest: 3_600_000_000, figures: 3 })

  record(seconds: number) {
    this.count++
    this.#histogram.record(Math.max(1, Math.round(seconds * 1e6)))
  }

  /** Milliseconds at the 50th, 90th, 99th and 99.9th percentile since start. */
  percentiles() {
    const at = (p: number) => (this.count === 0 ? 0 : Math.round(this.#histogram.percentile(p) / 10) / 100)
    return { p50: at(50), p90: at(90), p99: at(99), p999: at(99.9) }
  }
}
