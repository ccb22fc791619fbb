import {
  closedAddress,
  createTestDatabase,
  describeReadiness,
  type TestDatabase,
  testTopicPrefix,
} from '@focushub/shared/testing'
import { afterAll, beforeAll } from 'vitest'
import { buildApp } from '../../src/app.ts'
import { loadServiceConfig } from '../../src/config.ts'
import { migrations } from '../../src/db/migrations/index.ts'
import type { Database } from '../../src/db/tables.ts'

let database: TestDatabase<Database>
const topicPrefix = testTopicPrefix('tasks-health')

beforeAll(async () => {
  database = await createTestDatabase<Database>(loadServiceConfig().TASK_DATABASE_URL, migrations)
})
afterAll(() => database.destroy())

describeReadiness('task-service', {
  // Topics and consumer group of its own: never a member of the running service's group.
  build: (env) =>
    buildApp(loadServiceConfig({ ...env, LOG_LEVEL: 'silent', KAFKA_TOPIC_PREFIX: topicPrefix }), { db: database.db }),
  dependencies: ['postgres', 'kafka'],
  outages: {
    kafka: { KAFKA_BROKERS: closedAddress },
  },
})
