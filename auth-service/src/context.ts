import type { FastifyBaseLogger } from 'fastify'
import type { Kysely } from 'kysely'
import type { Config } from './config.ts'
import type { Database } from './db/tables.ts'
import type { PasswordHasher } from './modules/accounts/passwords.ts'
import type { AccessTokenSigner } from './modules/keys/access-tokens.ts'
import type { Throttle } from './modules/sessions/throttle.ts'

/** What the services of auth-service work with, built once in app.ts. */
export interface AuthContext {
  db: Kysely<Database>
  config: Config
  passwords: PasswordHasher
  signAccessToken: AccessTokenSigner
  throttle: Throttle
  log: FastifyBaseLogger
}
