import { createDatabase, migrateToLatest } from '@focushub/shared'
import { loadServiceConfig } from './config.ts'
import { migrations } from './db/migrations/index.ts'

const config = loadServiceConfig()
const db = createDatabase({ url: config.HABIT_DATABASE_URL, poolMax: 1, applicationName: 'habit-service-migrate' })
try {
  const applied = await migrateToLatest(db, migrations)
  console.log(applied.length > 0 ? `habit-service: applied ${applied.join(', ')}` : 'habit-service: up to date')
} finally {
  await db.destroy()
}
