import type { Generated, Selectable } from 'kysely'

export interface ProjectsTable {
  id: string
  /** The one member with role owner; kept here too so "my projects" and ownership checks need no join. */
  owner_id: string
  name: string
  color: string | null
  /** Every user's personal default project: never shared, archived or deleted by hand. */
  is_inbox: boolean
  archived_at: Date | null
  version: Generated<number>
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

export type ProjectRow = Selectable<ProjectsTable>
