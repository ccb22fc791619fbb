// The Todoist import said as the Settings screen says it: which files it takes and how they are sent,
// the project a CSV becomes, and the API's report in sentences.
import { ProblemError } from '../api/problem.ts'
import type { ImportReport } from './todoist-import-queries.ts'

/** The largest file the import reads (task-service's and the gateway's body limit). */
export const maxImportBytes = 1024 * 1024
/** Notes of the report the screen lists; "and N more" says the rest. */
export const notesShown = 20

export type ImportType = 'text/csv' | 'application/zip'

/**
 * How a file is sent: by its name's extension, else by the type the browser gave it (Windows calls a ZIP
 * `application/x-zip-compressed`); undefined for anything else.
 */
export function importType(file: { name: string; type: string }): ImportType | undefined {
  if (/\.csv$/i.test(file.name)) return 'text/csv'
  if (/\.zip$/i.test(file.name)) return 'application/zip'
  if (file.type === 'text/csv') return 'text/csv'
  if (file.type === 'application/zip' || file.type === 'application/x-zip-compressed') return 'application/zip'
  return undefined
}

/** Why a chosen file cannot be imported as it is, before sending it; undefined when it can be. */
export function fileMessage(file: { name: string; type: string; size: number }) {
  if (!importType(file)) return 'Choose a .csv or .zip file exported from Todoist.'
  if (file.size > maxImportBytes) return 'This file is larger than 1 MiB, the most an import reads.'
  return undefined
}

/**
 * The project a CSV becomes unless renamed: its file's name without `.csv`, and without the ` [id]` a
 * file of Todoist's backup carries ("Home [2203306141].csv" is Home), as the API names a ZIP's projects.
 */
export function defaultProjectName(fileName: string) {
  const name = fileName
    .replace(/\.csv$/i, '')
    .replace(/ \[\d+\]$/, '')
    .trim()
    .slice(0, 100)
    .trim()
  return name || 'Todoist'
}

/** "1 project", "3 tasks", "0 labels". */
export const countText = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`

/** "a", "a and b", "a, b and c". */
export const listText = (parts: string[]) =>
  parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`

/**
 * The report in a sentence: "Will create 1 project, 3 tasks and 2 labels; 0 already imported." before,
 * "Created …" after; "Nothing new to create; 3 already imported." when a file was imported before.
 */
export function summaryText(report: Pick<ImportReport, 'dryRun' | 'created' | 'alreadyImported'>) {
  const { projects, tasks, labels } = report.created
  const already = `${report.alreadyImported} already imported`
  if (projects + tasks + labels === 0)
    return report.dryRun ? `Nothing new to create; ${already}.` : `Created nothing new; ${already}.`
  const made = listText([countText(projects, 'project'), countText(tasks, 'task'), countText(labels, 'label')])
  return `${report.dryRun ? 'Will create' : 'Created'} ${made}; ${already}.`
}

/**
 * A project's line after its name: "new project · 3 tasks to create", "imported before · 0 tasks to
 * create · 3 already imported", "new project · 3 tasks created".
 */
export function projectText(project: ImportReport['projects'][number], dryRun: boolean) {
  return [
    project.new ? 'new project' : 'imported before',
    `${countText(project.tasks, 'task')} ${dryRun ? 'to create' : 'created'}`,
    ...(project.alreadyImported > 0 ? [`${project.alreadyImported} already imported`] : []),
  ].join(' · ')
}

/** A note: "Line 2: section "Planning" not imported (its tasks are)", with its project's name for a ZIP's. */
export const noteText = (note: ImportReport['notes'][number], withProject: boolean) =>
  `${withProject ? `${note.project}, line` : 'Line'} ${note.line}: ${note.note}`

/** What the listed notes leave out: "and 12 more", or undefined when every note is listed. */
export function moreNotesText(noteCount: number, listed: number) {
  const more = noteCount - listed
  return more > 0 ? `and ${more} more` : undefined
}

/**
 * The API's refusal of the project name (a query parameter: errors[] names `/querystring/project`), said
 * as a person would: a blank name is asked for; the schema's other words kept.
 */
export function projectMessage(error: unknown) {
  if (!(error instanceof ProblemError)) return undefined
  const message = error.problem.errors?.find(({ field }) => field === '/querystring/project')?.message
  if (message && /^must (match pattern|NOT have fewer)/.test(message)) return 'Enter a name for the project.'
  return message
}
