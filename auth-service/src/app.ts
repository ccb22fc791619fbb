import { redisUserOf } from '@focushub/shared/config'
import { type App, createApp, openRedis, openServiceBackbone } from '@focushub/shared/http'
import { redisCheck } from '@focushub/shared/redis'
import type { Kysely } from 'kysely'
import { type Config, keysDirectory } from './config.ts'
import type { AuthContext } from './context.ts'
import { migrations } from './db/migrations/index.ts'
import type { Database } from './db/tables.ts'
import { authErrors } from './errors.ts'
import { accountsRoutes } from './modules/accounts/accounts.routes.ts'
import { createPasswordHasher } from './modules/accounts/passwords.ts'
import { adminRoutes } from './modules/admin/admin.routes.ts'
import { ensureBootstrapAdmin } from './modules/admin/bootstrap-admin.ts'
import { createAccessTokenSigner } from './modules/keys/access-tokens.ts'
import { keysRoutes } from './modules/keys/keys.routes.ts'
import { loadSigningKeys } from './modules/keys/signing-keys.ts'
import { profileRoutes } from './modules/profile/profile.routes.ts'
import { sessionsRoutes } from './modules/sessions/sessions.routes.ts'
import { createThrottle } from './modules/sessions/throttle.ts'
import { tokensRoutes } from './modules/tokens/tokens.routes.ts'
import { usersRoutes } from './modules/users/users.routes.ts'
import { registerAuthentication } from './plugins/authentication.ts'

export interface AppDependencies {
  db?: Kysely<Database>
}

export async function buildApp(config: Config, dependencies: AppDependencies = {}): Promise<App> {
  const app = createApp({
    service: 'auth-service',
    logLevel: config.LOG_LEVEL,
    errors: authErrors,
    // Only the loopback hops (NGINX → balancer → gateway) may name the client in X-Forwarded-For.
    fastify: { trustProxy: config.TRUSTED_PROXIES.split(',') },
  })
  const redis = openRedis(app, config.REDIS_URL, { user: redisUserOf(config, 'AUTH') })
  const { db } = await openServiceBackbone<Database>(app, {
    database: { url: config.AUTH_DATABASE_URL, poolMax: config.DATABASE_POOL_MAX, migrations, given: dependencies.db },
    config,
    checks: { redis: redisCheck(redis) },
    idempotentWrites: false,
  })

  const keys = await loadSigningKeys(keysDirectory(config), config.AUTH_GENERATE_KEYS)
  const ctx: AuthContext = {
    db,
    config,
    passwords: await createPasswordHasher(config.BCRYPT_COST),
    signAccessToken: createAccessTokenSigner({
      key: keys.current,
      issuer: config.AUTH_TOKEN_ISSUER,
      audience: config.AUTH_TOKEN_AUDIENCE,
      ttlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    }),
    throttle: createThrottle(redis, config),
    log: app.log,
  }
  await ensureBootstrapAdmin(ctx)

  await registerAuthentication(app, config, keys, db)
  await app.register(keysRoutes, { keys })
  await app.register(accountsRoutes, { ctx })
  await app.register(sessionsRoutes, { ctx })
  await app.register(profileRoutes, { ctx })
  await app.register(adminRoutes, { ctx })
  await app.register(usersRoutes, { ctx })
  await app.register(tokensRoutes, { ctx })
  return app
}
