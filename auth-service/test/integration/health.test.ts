import { closedAddress, createTestDatabase, describeReadiness, type TestDatabase } from '@focushub/shared/testing'
import { afterAll, beforeAll } from 'vitest'
import { buildApp } from '../../src/app.ts'
import { loadServiceConfig } from '../../src/config.ts'
import { migrations } from '../../src/db/migrations/index.ts'
import type { Database } from '../../src/db/tables.ts'
import { testConfig } from './support.ts'

let database: TestDatabase<Database>
let keysDir: string

beforeAll(async () => {
  database = await createTestDatabase<Database>(loadServiceConfig().AUTH_DATABASE_URL, migrations)
  keysDir = (await testConfig()).keysDir
})
afterAll(() => database.destroy())

describeReadiness('auth-service', {
  build: (env) =>
    buildApp(loadServiceConfig({ ...env, LOG_LEVEL: 'silent', BCRYPT_COST: '10', AUTH_KEYS_DIR: keysDir }), {
      db: database.db,
    }),
  dependencies: ['postgres', 'kafka', 'redis'],
  outages: {
    kafka: { KAFKA_BROKERS: closedAddress },
    redis: { REDIS_URL: `redis://${closedAddress}` },
  },
})
