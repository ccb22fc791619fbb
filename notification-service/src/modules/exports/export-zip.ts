import { focusHubExportFormat } from '@focushub/shared/imports'
import { stringify } from 'csv-stringify/sync'
import { strToU8, type Zippable, zipSync } from 'fflate'
import type { ExportFile } from '../../db/tables/account-exports.ts'

/** One collection of a user's data as a service exported it: written to `<folder>/<name>.json` and `.csv`. */
export interface ExportedCollection {
  folder: string
  name: string
  items: Record<string, unknown>[]
}

const readme = `FocusHub account export

manifest.json names this export, its owner and every file with how many items it holds.
Each folder is one part of FocusHub: account, tasks, focus, habits, social, notifications.
Each collection is there twice: as JSON (an array of items as FocusHub's API shows them; what
an import reads) and as CSV (one row per item; lists and objects written as JSON in their cell).
FocusHub can import tasks (projects, tasks, labels) and habits (habits, check-ins) from this ZIP
again: Settings, Import, "FocusHub export".
`

/**
 * A spreadsheet cell: a text starting like a formula (=, +, -, @, tab, carriage return) is written
 * after an apostrophe, so that opening the CSV runs nothing (OWASP's CSV injection advice).
 */
function cellOf(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

/** A CSV of items: a column per field any item has (in the order first seen), a row per item. */
export function csvOf(items: Record<string, unknown>[]): string {
  const columns = [...new Set(items.flatMap((item) => Object.keys(item)))]
  if (columns.length === 0) return ''
  return stringify(
    items.map((item) => columns.map((column) => cellOf(item[column]))),
    { header: true, columns, record_delimiter: 'windows' },
  )
}

/** The ZIP of a user's export: manifest.json, README.txt, and each collection as JSON and CSV. */
export function exportZip(
  about: { exportId: string; userId: string; createdAt: Date },
  collections: ExportedCollection[],
): { zip: Uint8Array; contents: ExportFile[] } {
  const files: Zippable = {}
  const contents: ExportFile[] = []
  for (const { folder, name, items } of collections) {
    const path = `${folder}/${name}`
    files[`${path}.json`] = strToU8(JSON.stringify(items, null, 1))
    files[`${path}.csv`] = strToU8(csvOf(items))
    contents.push({ path: `${path}.json`, items: items.length })
  }
  const manifest = {
    ...focusHubExportFormat,
    exportId: about.exportId,
    userId: about.userId,
    createdAt: about.createdAt.toISOString(),
    files: contents,
  }
  files['manifest.json'] = strToU8(JSON.stringify(manifest, null, 2))
  files['README.txt'] = strToU8(readme)
  return { zip: zipSync(files, { level: 6, mtime: about.createdAt }), contents }
}
