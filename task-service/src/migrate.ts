import { createDatabase, migrateToLatest } from '@focushub/shared'
import { loadServiceConfig } from './config.ts'
import { migrations } from './db/migrations/index.ts'

const config = loadServiceConfig()
const db = createDatabase({ url: config.TASK_DATABASE_URL, poolMax: 1, applicationName: 'task-service-migrate' })
try {
  const applied = await migrateToLatest(db, migrations)
  console.log(applied.length > 0 ? `task-service: applied ${applied.join(', ')}` : 'task-service: up to date')
} finally {
  await db.destroy()
}
