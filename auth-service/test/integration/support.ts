import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { App } from '@focushub/shared/http'
import { createTestDatabase } from '@focushub/shared/testing'
import type { Kysely } from 'kysely'
import { expect } from 'vitest'
import { buildApp } from '../../src/app.ts'
import { type Config, loadServiceConfig } from '../../src/config.ts'
import { migrations } from '../../src/db/migrations/index.ts'
import type { Database } from '../../src/db/tables.ts'

export interface TestService {
  app: App
  db: Kysely<Database>
  config: Config
  keysDir: string
  close(): Promise<void>
}

/** Variables every test app gets: quiet logs, the cheapest allowed bcrypt cost, its own keys and Redis keys. */
export async function testConfig(overrides: NodeJS.ProcessEnv = {}) {
  const keysDir = await mkdtemp(join(tmpdir(), 'focushub-keys-'))
  const config = loadServiceConfig({
    ...process.env,
    LOG_LEVEL: 'silent',
    BCRYPT_COST: '10',
    AUTH_KEYS_DIR: keysDir,
    AUTH_REDIS_PREFIX: `focushub:auth:test:${randomBytes(6).toString('hex')}`,
    LOGIN_IP_MAX_ATTEMPTS: '10000',
    REGISTER_IP_MAX_ATTEMPTS: '10000',
    // Only the tests about publishing run the relay, on topics of their own.
    OUTBOX_RELAY_ENABLED: 'false',
    ...overrides,
  })
  return { config, keysDir }
}

/** A fresh auth-service on its own schema of the real database, with real Redis. */
export async function startAuthService(overrides: NodeJS.ProcessEnv = {}): Promise<TestService> {
  const { config, keysDir } = await testConfig(overrides)
  const database = await createTestDatabase<Database>(config.AUTH_DATABASE_URL, migrations)
  const app = await buildApp(config, { db: database.db })
  await app.ready()
  return {
    app,
    db: database.db,
    config,
    keysDir,
    async close() {
      await app.close()
      await database.destroy()
      await rm(keysDir, { recursive: true, force: true })
    },
  }
}

let counter = 0
export const uniqueEmail = (label = 'user') => `${label}-${++counter}-${randomBytes(4).toString('hex')}@example.com`
export const password = 'correct horse battery'
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

export async function registerUser(app: App, fields: Record<string, unknown> = {}) {
  const body = { email: uniqueEmail(), password, displayName: 'Ada Lovelace', ...fields }
  const response = await app.inject({ method: 'POST', url: '/auth/register', payload: body })
  expect(response.statusCode, response.body).toBe(201)
  return { ...response.json().user, password: body.password } as { id: string; email: string; password: string }
}

export async function loginUser(app: App, email: string, secret = password) {
  const response = await app.inject({ method: 'POST', url: '/auth/login', payload: { email, password: secret } })
  expect(response.statusCode, response.body).toBe(200)
  return response.json() as { accessToken: string; refreshToken: string; user: { id: string; version: number } }
}

/** A registered, signed-in user. */
export async function signedInUser(app: App, fields: Record<string, unknown> = {}) {
  const user = await registerUser(app, fields)
  return { user, session: await loginUser(app, user.email, user.password) }
}

export { expectProblem, outboxEvents } from '@focushub/shared/testing'
