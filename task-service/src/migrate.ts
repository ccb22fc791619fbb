import { migrateFromCommandLine } from '@focushub/shared'
import { loadServiceConfig } from './config.ts'
import { migrations } from './db/migrations/index.ts'

await migrateFromCommandLine('task-service', loadServiceConfig().TASK_DATABASE_URL, migrations)
