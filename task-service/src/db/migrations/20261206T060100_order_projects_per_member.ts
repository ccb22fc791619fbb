import { type Kysely, sql } from 'kysely'

/**
 * Each member orders their own list of projects: a position per membership. Existing memberships
 * keep today's order (by project id, the Inbox first) as 0, 1, 2 …; a new one goes last (its default
 * is the time it was added, in ms, as tasks'), and placeInOrder moves it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table project_members add column position double precision`.execute(db)
  await sql`
    update project_members set position = ordered.rank - 1
    from (select project_id, user_id, row_number() over (partition by user_id order by project_id) as rank
          from project_members) ordered
    where project_members.project_id = ordered.project_id and project_members.user_id = ordered.user_id`.execute(db)
  await sql`
    alter table project_members
      alter column position set default (extract(epoch from clock_timestamp()) * 1000),
      alter column position set not null`.execute(db)
  await sql`create index project_members_user_position on project_members (user_id, position, project_id)`.execute(db)
}
