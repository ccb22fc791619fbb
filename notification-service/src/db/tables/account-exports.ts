import type { ColumnType, Generated, Selectable } from 'kysely'

/** `pending`: its job is building it; `ready`: the ZIP is in the storage until `expires_at`; `failed`: out of attempts. */
export type AccountExportState = 'pending' | 'ready' | 'failed'

/** What the ZIP holds: each file with how many items it has. */
export interface ExportFile {
  path: string
  items: number
}

export interface AccountExportsTable {
  /** UUIDv7. */
  id: string
  /** Its owner: the only user who sees or downloads it. */
  user_id: string
  state: Generated<AccountExportState>
  /** The ZIP's key in the object storage (`exports/<user>/<id>.zip`), once written. */
  object_key: string | null
  size_bytes: ColumnType<number | null, number | null, number | null>
  contents: ColumnType<ExportFile[] | null, string | null, string | null>
  /** Why it failed (the last attempt's error). */
  error: string | null
  created_at: Generated<Date>
  finished_at: Date | null
  /** When the ZIP (and this row) are forgotten. */
  expires_at: Date | null
}

export type AccountExportRow = Selectable<AccountExportsTable>
