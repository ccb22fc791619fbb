// The imports said as the Settings screen says them: the sources, which files each takes and how they are
// sent, the project a Todoist CSV becomes, and the API's reports in sentences.
import { ProblemError } from '../api/problem.ts'
import type { LoopReport, TodoistReport } from './imports-queries.ts'

/** Where an import comes from: Todoist (task-service's POST /imports/todoist) or Loop Habit Tracker (habit-service's). */
export type ImportSource = 'todoist' | 'loop'

/** The sources, in the order the screen offers them. */
export const importSources: { source: ImportSource; label: string }[] = [
  { source: 'todoist', label: "Todoist (a project's CSV, or the backup ZIP)" },
  { source: 'loop', label: 'Loop Habit Tracker (its CSV export ZIP)' },
]

/** The largest file an import reads (the services' and the gateway's body limit). */
export const maxImportBytes = 1024 * 1024
/** Notes of a report the screen lists; "and N more" says the rest. */
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

/** What a source's file input says when another kind of file is chosen. */
const fileRequests: Record<ImportSource, string> = {
  todoist: 'Choose a .csv or .zip file exported from Todoist.',
  loop: 'Choose the .zip file Loop Habit Tracker exports.',
}

/** What a source's form says when Check is pressed with no file chosen. */
export const noFileMessages: Record<ImportSource, string> = {
  todoist: 'Choose a file exported from Todoist.',
  loop: 'Choose the .zip file Loop Habit Tracker exports.',
}

/**
 * Why a chosen file cannot be imported from the source as it is, before sending it; undefined when it can
 * be. Todoist takes a CSV or a ZIP; Loop only its ZIP.
 */
export function fileMessage(file: { name: string; type: string; size: number }, source: ImportSource = 'todoist') {
  const type = importType(file)
  if (!type || (source === 'loop' && type !== 'application/zip')) return fileRequests[source]
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

/** "1 project", "3 tasks", "0 labels", "1 check-in". */
export const countText = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`

/** "a", "a and b", "a, b and c". */
export const listText = (parts: string[]) =>
  parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`

/**
 * A Todoist report in a sentence: "Will create 1 project, 3 tasks and 2 labels; 0 already imported."
 * before, "Created …" after; "Nothing new to create; 3 already imported." when a file was imported before.
 */
export function todoistSummaryText(report: Pick<TodoistReport, 'dryRun' | 'created' | 'alreadyImported'>) {
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
export function projectText(project: TodoistReport['projects'][number], dryRun: boolean) {
  return [
    project.new ? 'new project' : 'imported before',
    `${countText(project.tasks, 'task')} ${dryRun ? 'to create' : 'created'}`,
    ...(project.alreadyImported > 0 ? [`${project.alreadyImported} already imported`] : []),
  ].join(' · ')
}

/** A note: "Line 2: section "Planning" not imported (its tasks are)", with its project's name for a ZIP's. */
export const todoistNoteText = (note: TodoistReport['notes'][number], withProject: boolean) =>
  `${withProject ? `${note.project}, line` : 'Line'} ${note.line}: ${note.note}`

/**
 * A Loop report in a sentence: "Will create 3 habits and 7 check-ins." before, "Created …" after, with
 * how many of its habits an earlier import made when any did ("Will create 0 habits and 2 check-ins; 3
 * habits imported before."); "Nothing new to create; 3 habits imported before." when nothing is new.
 */
export function loopSummaryText(report: Pick<LoopReport, 'dryRun' | 'created' | 'habits'>) {
  const { habits, checkIns } = report.created
  const before = report.habits.filter((habit) => !habit.new).length
  const importedBefore = before > 0 ? `; ${countText(before, 'habit')} imported before` : ''
  if (habits + checkIns === 0)
    return `${report.dryRun ? 'Nothing new to create' : 'Created nothing new'}${importedBefore}.`
  const made = listText([countText(habits, 'habit'), countText(checkIns, 'check-in')])
  return `${report.dryRun ? 'Will create' : 'Created'} ${made}${importedBefore}.`
}

/**
 * A habit's line after its name: "new habit · 4 check-ins · 1 skipped" (days not written: checked in
 * already, before the habit's start or after today), "imported before · 0 check-ins · 4 skipped".
 */
export function habitText(habit: LoopReport['habits'][number]) {
  return [
    habit.new ? 'new habit' : 'imported before',
    countText(habit.checkIns, 'check-in'),
    ...(habit.skipped > 0 ? [`${habit.skipped} skipped`] : []),
  ].join(' · ')
}

/** A note: "Floss: 2 times in 3 days is kept as …". */
export const loopNoteText = (note: LoopReport['notes'][number]) => `${note.habit}: ${note.note}`

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
