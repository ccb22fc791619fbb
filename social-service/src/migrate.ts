import { migrateFromCommandLine } from '@focushub/shared/db'
import { loadServiceConfig } from './config.ts'
import { migrations } from './db/migrations/index.ts'

await migrateFromCommandLine('social-service', loadServiceConfig().SOCIAL_DATABASE_URL, migrations)
