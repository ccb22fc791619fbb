import Type, { type Static, type TObject } from 'typebox'

/** Where a process serves its own /metrics (every process reads these, through baseConfig). */
export const metricsConfig = {
  METRICS_PORT: Type.Integer({
    minimum: 0,
    maximum: 65535,
    default: 0,
    description: "TCP port of this process's own /metrics listener (0: none)",
  }),
  METRICS_HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  METRICS_INSTANCE: Type.String({
    pattern: '^[A-Za-z0-9._:-]{0,100}$',
    default: '',
    description: 'the instance label of every series, e.g. task-service-1 (empty: host:pid)',
  }),
}

export type MetricsConfig = Static<TObject<typeof metricsConfig>>
