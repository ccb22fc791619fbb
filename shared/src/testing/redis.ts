import { loadConfig, redisConfig, redisUserConfig, redisUserOf } from '../config.ts'
import { createRedis } from '../redis.ts'

/** The stack's own Redis user (STACK_REDIS_*): every key and command; scripts/redis-acl.sh creates it. */
const stackRedisConfig = { ...redisConfig, ...redisUserConfig('STACK', 'focushub-admin', 'focushub_redis_admin_dev') }

/** A connection as the stack's own user, for tests that look at Redis itself rather than through a component. */
export function stackRedis(name: string, env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(stackRedisConfig, env)
  return createRedis(config.REDIS_URL, name, { user: redisUserOf(config, 'STACK') })
}
