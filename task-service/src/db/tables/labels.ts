import type { Generated, Selectable } from 'kysely'

/** A user's own tag; unique by lower(name) per owner. */
export interface LabelsTable {
  id: string
  owner_id: string
  name: string
  color: string | null
  version: Generated<number>
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

export type LabelRow = Selectable<LabelsTable>
