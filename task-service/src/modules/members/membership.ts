import { errors } from '@focushub/shared/errors'
import type { Kysely } from 'kysely'
import type { ProjectRow } from '../../db/tables/projects.ts'
import type { Database } from '../../db/tables.ts'
import { taskError } from '../../errors.ts'
import type { MemberRole } from '../../schemas/common.ts'
import { findMembership, findMembershipWithAudience } from './members.repository.ts'

/** What a member may do: read (every member), write tasks and the project (editor), manage it (owner). */
export type Access = 'read' | 'write' | 'manage'

const allowed: Record<Access, MemberRole[]> = {
  read: ['owner', 'editor', 'viewer'],
  write: ['owner', 'editor'],
  manage: ['owner'],
}

export interface Membership {
  project: ProjectRow
  role: MemberRole
  /** Where the project stands in the caller's own list. */
  position: number
}

export const projectNotFound = () => errors.notFound('No such project')

/**
 * The caller's membership of a project, checked for the access a route needs. A stranger learns
 * nothing (404, as for a project that does not exist); a member without the role gets 403.
 */
export async function requireAccess(
  db: Kysely<Database>,
  projectId: string,
  userId: string,
  access: Access,
  notFound = projectNotFound,
): Promise<Membership> {
  return checkedAccess(await findMembership(db, projectId, userId), access, notFound)
}

/**
 * requireAccess with the project's members now (audienceOf), read by the same statement: what a
 * write that publishes an event to them needs, in one round trip.
 */
export async function requireAccessWithAudience(
  db: Kysely<Database>,
  projectId: string,
  userId: string,
  access: Access,
): Promise<Membership & { audience: string[] }> {
  const row = await findMembershipWithAudience(db, projectId, userId)
  if (!row) throw projectNotFound()
  const { audience, ...membership } = row
  return { ...checkedAccess(membership, access, projectNotFound), audience }
}

function checkedAccess(
  row: Awaited<ReturnType<typeof findMembership>>,
  access: Access,
  notFound: () => Error,
): Membership {
  if (!row) throw notFound()
  const { role, position, ...project } = row
  if (!allowed[access].includes(role))
    throw taskError('project-role-insufficient', `Your role (${role}) may not do this in the project`)
  return { project, role, position }
}
