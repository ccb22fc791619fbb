import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<unknown>) {
  await db.schema
    .createTable('project_invitations')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('email', 'text')
    .addColumn('named_user_id', 'uuid')
    .addColumn('invitee_id', 'uuid')
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('editor', 'viewer')`))
    .addColumn('invited_by', 'uuid', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('pending').check(sql`status in ('pending', 'accepted', 'declined', 'revoked')`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('project_invitations_one_target', sql`(email is null) <> (named_user_id is null)`)
    .execute()
  await sql`create index project_invitations_project on project_invitations (project_id, created_at)`.execute(db)
  await sql`create index project_invitations_invitee on project_invitations (invitee_id, id) where status = 'pending'`.execute(
    db,
  )
}
