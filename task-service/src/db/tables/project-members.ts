import type { Generated, Selectable } from 'kysely'
import type { MemberRole } from '../../schemas/common.ts'

export interface ProjectMembersTable {
  project_id: string
  user_id: string
  role: MemberRole
  /** When they joined: the longest-standing editor inherits a project whose owner is erased. */
  added_at: Generated<Date>
  /** Where the project stands in this member's own list of projects (manual order, see placeInOrder). */
  position: Generated<number>
}

export type ProjectMemberRow = Selectable<ProjectMembersTable>
