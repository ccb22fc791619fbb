import { type Kysely, sql } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { Database } from '../../task-service/src/db/tables.ts'

/**
 * Each user: a profile, an Inbox and one project of their own holding `tasksPerUser` tasks of
 * mixed status, priority and due date. Straight SQL: 100,000 rows in seconds.
 */
export async function seedTasks(db: Kysely<Database>, users: number, tasksPerUser: number) {
  const started = performance.now()
  const userIds = Array.from({ length: users }, () => uuidv7())
  const inboxIds = userIds.map(() => uuidv7())
  const projectIds = userIds.map(() => uuidv7())
  await sql`
    insert into user_profiles (user_id, timezone, day_start_hour, as_of)
    select u, 'Europe/Berlin', 4, now() from unnest(${userIds}::uuid[]) as u`.execute(db)
  await sql`
    insert into projects (id, owner_id, name, is_inbox)
    select i, u, 'Inbox', true from unnest(${inboxIds}::uuid[], ${userIds}::uuid[]) as t(i, u)
    union all
    select p, u, 'Work', false from unnest(${projectIds}::uuid[], ${userIds}::uuid[]) as t(p, u)`.execute(db)
  await sql`
    insert into project_members (project_id, user_id, role)
    select id, owner_id, 'owner' from projects`.execute(db)
  await sql`
    insert into tasks (id, project_id, title, description, status, priority, due_at, position, created_by)
    select gen_random_uuid(), p.id, 'Task ' || n, 'Seeded task number ' || n || ' of the bench',
           (array['todo', 'todo', 'in_progress', 'done', 'cancelled'])[1 + n % 5],
           n % 5,
           case when n % 3 = 0 then null else now() + ((n % 60) - 20) * interval '1 day' end,
           n, p.owner_id
    from projects p cross join generate_series(1, ${tasksPerUser}) as n
    where not p.is_inbox`.execute(db)
  // Autovacuum's first pass over the fresh rows would otherwise run during the measured load.
  await sql`vacuum analyze`.execute(db)
  return { userIds, seconds: (performance.now() - started) / 1000 }
}
