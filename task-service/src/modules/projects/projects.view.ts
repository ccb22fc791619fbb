import type { Static } from 'typebox'
import type { Membership } from '../members/membership.ts'
import type { Project } from './projects.schemas.ts'

/** A project as its member sees it: with their role and where it stands in their own list. */
export function toProject({ project: row, role, position }: Membership): Static<typeof Project> {
  return {
    id: row.id,
    name: row.name,
    color: row.color,
    isInbox: row.is_inbox,
    archived: row.archived_at !== null,
    archivedAt: row.archived_at?.toISOString() ?? null,
    ownerId: row.owner_id,
    role,
    position,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  }
}
