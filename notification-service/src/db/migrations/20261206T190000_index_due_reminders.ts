import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<unknown>) {
  // The reminders not yet fired, by instant: a firing takes the oldest due ones, however many have fired before.
  await sql`create index reminder_schedules_due on reminder_schedules (fire_at) where fired_at is null`.execute(db)
}
