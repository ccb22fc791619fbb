import { type Insertable, type Kysely, sql } from 'kysely'
import type {
  InvitationStatus,
  ProjectInvitationRow,
  ProjectInvitationsTable,
} from '../../db/tables/project-invitations.ts'
import type { Database } from '../../db/tables.ts'

/** Invitations the owner still sees: not accepted or revoked (declined ones look pending), not expired. */
const open = (db: Kysely<Database>, now: Date) =>
  db
    .selectFrom('project_invitations')
    .selectAll('project_invitations')
    .where('project_invitations.status', 'in', ['pending', 'declined'])
    .where('project_invitations.expires_at', '>', now)

/** The project's open invitation to the same e-mail (case-insensitive) or user, if any. */
export function findOpenInvitation(
  db: Kysely<Database>,
  projectId: string,
  target: { email: string | null; userId: string | null },
  now: Date,
) {
  let query = open(db, now).where('project_id', '=', projectId)
  query =
    target.email === null
      ? query.where('named_user_id', '=', target.userId)
      : query.where(sql<string>`lower(email)`, '=', target.email.toLowerCase())
  return query.executeTakeFirst()
}

/** How many invitations the project has open, and how many it sent since `since` (with the oldest of those). */
export async function invitationCounts(db: Kysely<Database>, projectId: string, now: Date, since: Date) {
  const row = await db
    .selectFrom('project_invitations')
    .select((eb) => [
      eb.fn
        .countAll<string>()
        .filterWhere((w) => w.and([w('status', 'in', ['pending', 'declined']), w('expires_at', '>', now)]))
        .as('open'),
      eb.fn.countAll<string>().filterWhere('created_at', '>', since).as('sent'),
      eb.fn.min('created_at').filterWhere('created_at', '>', since).as('oldestSent'),
    ])
    .where('project_id', '=', projectId)
    .executeTakeFirstOrThrow()
  return { open: Number(row.open), sent: Number(row.sent), oldestSent: row.oldestSent as Date | null }
}

/** Forgets the project's invitations that are settled or expired and older than the sending window. */
export const forgetOldInvitations = (db: Kysely<Database>, projectId: string, now: Date, windowStart: Date) =>
  db
    .deleteFrom('project_invitations')
    .where('project_id', '=', projectId)
    .where('created_at', '<', windowStart)
    .where((eb) => eb.or([eb('status', 'in', ['accepted', 'revoked']), eb('expires_at', '<=', now)]))
    .execute()

export const insertInvitation = (db: Kysely<Database>, values: Omit<Insertable<ProjectInvitationsTable>, 'status'>) =>
  db.insertInto('project_invitations').values(values).returningAll().executeTakeFirstOrThrow()

export function listProjectInvitations(
  db: Kysely<Database>,
  projectId: string,
  now: Date,
  after: string | undefined,
  limit: number,
) {
  let query = open(db, now)
    .where('project_id', '=', projectId)
    .orderBy('id')
    .limit(limit + 1)
  if (after) query = query.where('id', '>', after)
  return query.execute()
}

/** The invitee's pending, unexpired invitations with their project's name. */
export function listReceivedInvitations(
  db: Kysely<Database>,
  inviteeId: string,
  now: Date,
  after: string | undefined,
  limit: number,
) {
  let query = db
    .selectFrom('project_invitations')
    .innerJoin('projects', 'projects.id', 'project_invitations.project_id')
    .selectAll('project_invitations')
    .select('projects.name as project_name')
    .where('invitee_id', '=', inviteeId)
    .where('status', '=', 'pending')
    .where('expires_at', '>', now)
    .orderBy('project_invitations.id')
    .limit(limit + 1)
  if (after) query = query.where('project_invitations.id', '>', after)
  return query.execute()
}

/** Whether task-service has heard of this account (its auth.user.registered event). */
export async function isKnownUser(db: Kysely<Database>, userId: string) {
  const row = await db.selectFrom('user_profiles').select('user_id').where('user_id', '=', userId).executeTakeFirst()
  return row !== undefined
}

/** The invitee's pending invitation, locked for their answer; undefined when there is none to answer. */
export const lockReceivedInvitation = (db: Kysely<Database>, invitationId: string, inviteeId: string, now: Date) =>
  db
    .selectFrom('project_invitations')
    .selectAll()
    .where('id', '=', invitationId)
    .where('invitee_id', '=', inviteeId)
    .where('status', '=', 'pending')
    .where('expires_at', '>', now)
    .forUpdate()
    .executeTakeFirst()

/**
 * Moves an invitation still open (not expired, in one of `from`) to `to`, when it matches `where`;
 * false when there was none to change.
 */
export async function settleInvitation(
  db: Kysely<Database>,
  where: { id: string; projectId?: string; inviteeId?: string },
  from: InvitationStatus[],
  to: InvitationStatus,
  now: Date,
) {
  let query = db
    .updateTable('project_invitations')
    .set({ status: to })
    .where('id', '=', where.id)
    .where('status', 'in', from)
    .where('expires_at', '>', now)
  if (where.projectId) query = query.where('project_id', '=', where.projectId)
  if (where.inviteeId) query = query.where('invitee_id', '=', where.inviteeId)
  const result = await query.executeTakeFirst()
  return result.numUpdatedRows > 0n
}

export const toProjectInvitation = (row: ProjectInvitationRow) => ({
  id: row.id,
  projectId: row.project_id,
  email: row.email,
  userId: row.named_user_id,
  role: row.role,
  invitedAt: row.created_at.toISOString(),
  expiresAt: row.expires_at.toISOString(),
})

export const toReceivedInvitation = (row: ProjectInvitationRow & { project_name: string }) => ({
  id: row.id,
  projectId: row.project_id,
  projectName: row.project_name,
  role: row.role,
  invitedBy: row.invited_by,
  invitedAt: row.created_at.toISOString(),
  expiresAt: row.expires_at.toISOString(),
})
