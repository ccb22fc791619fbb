import { errors } from '@focushub/shared'
import type { Kysely } from 'kysely'
import type { MemberRole } from '../../db/tables/project-members.ts'
import type { ProjectRow } from '../../db/tables/projects.ts'
import type { Database } from '../../db/tables.ts'

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
  const row = await db
    .selectFrom('projects')
    .innerJoin('project_members', 'project_members.project_id', 'projects.id')
    .selectAll('projects')
    .select(['project_members.role', 'project_members.position'])
    .where('projects.id', '=', projectId)
    .where('project_members.user_id', '=', userId)
    .executeTakeFirst()
  if (!row) throw notFound()
  const { role, position, ...project } = row
  if (!allowed[access].includes(role)) throw errors.forbidden(`Your role (${role}) may not do this in the project`)
  return { project, role, position }
}

export async function isMember(db: Kysely<Database>, projectId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('project_members')
    .select('user_id')
    .where('project_id', '=', projectId)
    .where('user_id', '=', userId)
    .executeTakeFirst()
  return row !== undefined
}
