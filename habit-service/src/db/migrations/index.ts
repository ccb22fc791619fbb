import type { Migrations } from '@focushub/shared'

/** Every migration of focushub_habits, in order. Frozen once landed: change the schema with a new one. */
export const migrations: Migrations = {}
