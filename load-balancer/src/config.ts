import { baseConfig, loadConfig, Port } from '@focushub/shared/config'
import Type, { type Static, type TObject } from 'typebox'

export const configSchema = {
  ...baseConfig,
  LB_PORT: Port(8080),
  LB_UPSTREAMS: Type.String({
    pattern: '^https?://[^\\s,]+(,https?://[^\\s,]+)*$',
    default: 'http://127.0.0.1:3000,http://127.0.0.1:3100',
    description: 'comma-separated http(s) URLs of the gateway replicas',
  }),
}

export type Config = Static<TObject<typeof configSchema>>

export const loadBalancerConfig = (env: NodeJS.ProcessEnv = process.env): Config => loadConfig(configSchema, env)
