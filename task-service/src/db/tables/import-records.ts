import type { Generated } from 'kysely'

export interface ImportRecordsTable {
  user_id: string
  /** `todoist`. */
  source: string
  /** The source's stable key of the object (todoist-csv.ts): a project's or a task's. */
  key: string
  /** The project or task made of it. */
  object_id: string
  created_at: Generated<Date>
}
