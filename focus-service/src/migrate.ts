import { createDatabase, migrateToLatest } from '@focushub/shared'
import { loadServiceConfig } from './config.ts'
import { migrations } from './db/migrations/index.ts'

const config = loadServiceConfig()
const db = createDatabase({ url: config.FOCUS_DATABASE_URL, poolMax: 1, applicationName: 'focus-service-migrate' })
try {
  const applied = await migrateToLatest(db, migrations)
  console.log(applied.length > 0 ? `focus-service: applied ${applied.join(', ')}` : 'focus-service: up to date')
} finally {
  await db.destroy()
}
