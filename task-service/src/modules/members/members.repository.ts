import { type Kysely, sql } from 'kysely'
import type { ProjectMemberRow } from '../../db/tables/project-members.ts'
import type { Database } from '../../db/tables.ts'
import type { MemberRole } from '../../schemas/common.ts'
import { taskColumns } from '../tasks/tasks.repository.ts'

export const findMember = (db: Kysely<Database>, projectId: string, userId: string) =>
  db
    .selectFrom('project_members')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('user_id', '=', userId)
    .executeTakeFirst()

/** The membership, locked until the transaction ends: changes to one member run one after another. */
export const lockMember = (trx: Kysely<Database>, projectId: string, userId: string) =>
  trx
    .selectFrom('project_members')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('user_id', '=', userId)
    .forUpdate()
    .executeTakeFirst()

/** A project with the user's role in it and where it stands in their list; undefined for a non-member. */
export const findMembership = (db: Kysely<Database>, projectId: string, userId: string) =>
  db
    .selectFrom('projects')
    .innerJoin('project_members', 'project_members.project_id', 'projects.id')
    .selectAll('projects')
    .select(['project_members.role', 'project_members.position'])
    .where('projects.id', '=', projectId)
    .where('project_members.user_id', '=', userId)
    .executeTakeFirst()

/** findMembership with the project's audience (audienceOf) read by the same statement: a round trip less per write. */
export const findMembershipWithAudience = (db: Kysely<Database>, projectId: string, userId: string) =>
  db
    .selectFrom('projects')
    .innerJoin('project_members', 'project_members.project_id', 'projects.id')
    .selectAll('projects')
    .select(['project_members.role', 'project_members.position'])
    .select(
      sql<
        string[]
      >`array(select m.user_id from project_members m where m.project_id = projects.id order by m.user_id)`.as(
        'audience',
      ),
    )
    .where('projects.id', '=', projectId)
    .where('project_members.user_id', '=', userId)
    .executeTakeFirst()

export async function isMember(db: Kysely<Database>, projectId: string, userId: string): Promise<boolean> {
  return (await findMember(db, projectId, userId)) !== undefined
}

/** Those of `userIds` who are members of the project, and stay until the transaction ends (FOR KEY SHARE). */
export const membersAmong = async (trx: Kysely<Database>, projectId: string, userIds: string[]) =>
  (
    await trx
      .selectFrom('project_members')
      .select('user_id')
      .where('project_id', '=', projectId)
      .where('user_id', 'in', userIds)
      .forKeyShare()
      .execute()
  ).map((row) => row.user_id)

export const setMemberRole = (db: Kysely<Database>, projectId: string, userId: string, role: MemberRole) =>
  db
    .updateTable('project_members')
    .set({ role })
    .where('project_id', '=', projectId)
    .where('user_id', '=', userId)
    .returningAll()
    .executeTakeFirstOrThrow()

export const deleteMember = (db: Kysely<Database>, projectId: string, userId: string) =>
  db.deleteFrom('project_members').where('project_id', '=', projectId).where('user_id', '=', userId).execute()

/** A page of the project's members in user id order, each with their display name. */
export async function listMembers(db: Kysely<Database>, projectId: string, after: string | undefined, limit: number) {
  let query = db
    .selectFrom('project_members')
    .leftJoin('user_profiles', 'user_profiles.user_id', 'project_members.user_id')
    .selectAll('project_members')
    .select('user_profiles.display_name')
    .where('project_members.project_id', '=', projectId)
    .orderBy('project_members.user_id')
    .limit(limit + 1)
  if (after) query = query.where('project_members.user_id', '>', after)
  return query.execute()
}

export const displayNameOf = async (db: Kysely<Database>, userId: string) =>
  (await db.selectFrom('user_profiles').select('display_name').where('user_id', '=', userId).executeTakeFirst())
    ?.display_name ?? null

/** Adds a member; undefined when they already are one. */
export const insertMember = (db: Kysely<Database>, projectId: string, userId: string, role: MemberRole) =>
  db
    .insertInto('project_members')
    .values({ project_id: projectId, user_id: userId, role })
    .onConflict((c) => c.columns(['project_id', 'user_id']).doNothing())
    .returningAll()
    .executeTakeFirst()

export const toMember = (row: ProjectMemberRow, displayName: string | null) => ({
  userId: row.user_id,
  displayName,
  role: row.role,
  addedAt: row.added_at.toISOString(),
})

/** Someone who leaves a project stops being assignee or observer of its tasks; returns the tasks changed. */
export function detachFromTasks(trx: Kysely<Database>, projectId: string, userId: string) {
  return trx
    .updateTable('tasks')
    .set((eb) => ({
      assignee_id: eb.case().when('assignee_id', '=', userId).then(null).else(eb.ref('assignee_id')).end(),
      observer_ids: sql<string[]>`array_remove(observer_ids, ${userId}::uuid)`,
      version: sql<number>`version + 1`,
      updated_at: sql<Date>`now()`,
    }))
    .where('project_id', '=', projectId)
    .where((eb) => eb.or([eb('assignee_id', '=', userId), sql<boolean>`observer_ids @> array[${userId}::uuid]`]))
    .returning(taskColumns)
    .execute()
}

/** Who may see an object of the project: its members now, inside the transaction that changes it. */
export async function audienceOf(trx: Kysely<Database>, projectId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('project_members')
    .select('user_id')
    .where('project_id', '=', projectId)
    .orderBy('user_id')
    .execute()
  return rows.map((row) => row.user_id)
}
