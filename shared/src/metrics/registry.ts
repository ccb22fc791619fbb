import { hostname } from 'node:os'
import {
  Counter,
  type CounterConfiguration,
  collectDefaultMetrics,
  Gauge,
  type GaugeConfiguration,
  Histogram,
  type HistogramConfiguration,
  type Metric,
  Registry,
} from 'prom-client'

export type { Counter, Gauge, Histogram, Registry } from 'prom-client'

export interface MetricsRegistryOptions {
  /** The component, e.g. `task-service`: the `service` label of every series. */
  service: string
  /** The process, e.g. `task-service-1`: the `instance` label of every series. */
  instance: string
  /**
   * prom-client's process metrics (CPU, heap, event-loop delay, GC). Only for a process that is
   * scraped: they start an event-loop delay monitor and a GC observer that live as long as the process.
   */
  processMetrics: boolean
}

/** The one registry of a process: every series carries `service` and `instance`. */
export function createMetricsRegistry(options: MetricsRegistryOptions): Registry {
  const registry = new Registry()
  registry.setDefaultLabels({ service: options.service, instance: options.instance })
  if (options.processMetrics) collectDefaultMetrics({ register: registry })
  return registry
}

/** The instance label of a process no one named (METRICS_INSTANCE unset): its host and pid. */
export const unnamedInstance = () => `${hostname()}:${process.pid}`

function registered<M extends Metric>(registry: Registry, name: string, create: () => M): M {
  return (registry.getSingleMetric(name) as M | undefined) ?? create()
}

/*
 * A family is declared where it is counted, and each declaration answers the registry's family of that
 * name when there is one already: two consumers, or two relays, of one process share their families.
 */

export const counterIn = <L extends string>(registry: Registry, config: CounterConfiguration<L>) =>
  registered(registry, config.name, () => new Counter({ ...config, registers: [registry] }))

export const gaugeIn = <L extends string>(registry: Registry, config: GaugeConfiguration<L>) =>
  registered(registry, config.name, () => new Gauge({ ...config, registers: [registry] }))

export const histogramIn = <L extends string>(registry: Registry, config: HistogramConfiguration<L>) =>
  registered(registry, config.name, () => new Histogram({ ...config, registers: [registry] }))
