import type { Static } from 'typebox'
import type { MemberRole } from '../../db/tables/project-members.ts'
import type { ProjectRow } from '../../db/tables/projects.ts'
import type { Project } from './projects.schemas.ts'

export function toProject(row: ProjectRow, role: MemberRole): Static<typeof Project> {
  return {
    id: row.id,
    name: row.name,
    color: row.color,
    isInbox: row.is_inbox,
    archived: row.archived_at !== null,
    archivedAt: row.archived_at?.toISOString() ?? null,
    ownerId: row.owner_id,
    role,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  }
}
