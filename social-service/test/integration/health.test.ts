import { closedAddress, createTestDatabase, describeReadiness, type TestDatabase } from '@focushub/shared/testing'
import { afterAll, beforeAll } from 'vitest'
import { buildApp } from '../../src/app.ts'
import { loadServiceConfig } from '../../src/config.ts'
import { migrations } from '../../src/db/migrations/index.ts'
import type { Database } from '../../src/db/tables.ts'

let database: TestDatabase<Database>

beforeAll(async () => {
  database = await createTestDatabase<Database>(loadServiceConfig().SOCIAL_DATABASE_URL, migrations)
})
afterAll(() => database.destroy())

describeReadiness('social-service', {
  build: (env) => buildApp(loadServiceConfig({ ...env, LOG_LEVEL: 'silent' }), { db: database.db }),
  dependencies: ['postgres', 'kafka'],
  outages: {
    kafka: { KAFKA_BROKERS: closedAddress },
  },
})
