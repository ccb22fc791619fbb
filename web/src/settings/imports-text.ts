// The imports said as the Settings screen says them: the sources, which files each takes and how they are
// sent, the project a Todoist CSV becomes, and the API's reports in sentences.
import { ProblemError } from '../api/problem.ts'
import type { FocusHubReport, LoopReport, TodoistReport } from './imports-queries.ts'

/**
 * Where an import comes from: Todoist (task-service's POST /imports/todoist), Loop Habit Tracker
 * (habit-service's POST /imports/loop), or FocusHub's own account export (both services' /imports/focushub/…).
 */
export type ImportSource = 'todoist' | 'loop' | 'focushub'

export type ImportType = 'text/csv' | 'application/zip'

interface ImportSourceFacts {
  /** The choice's label. */
  label: string
  /** The form's name. */
  form: string
  fileLabel: string
  /** The files it takes. */
  types: ImportType[]
  /** What its file input says when Check is pressed with no file chosen. */
  noFile: string
  /** What its file input says when another kind of file is chosen. */
  otherFile: string
}

/** Each source as the screen offers it. */
export const importSources: Record<ImportSource, ImportSourceFacts> = {
  todoist: {
    label: "Todoist (a project's CSV, or the backup ZIP)",
    form: 'Todoist file',
    fileLabel: 'Todoist file (.csv or .zip)',
    types: ['text/csv', 'application/zip'],
    noFile: 'Choose a file exported from Todoist.',
    otherFile: 'Choose a .csv or .zip file exported from Todoist.',
  },
  loop: {
    label: 'Loop Habit Tracker (its CSV export ZIP)',
    form: 'Loop Habit Tracker file',
    fileLabel: 'Loop Habit Tracker export (.zip)',
    types: ['application/zip'],
    noFile: 'Choose the .zip file Loop Habit Tracker exports.',
    otherFile: 'Choose the .zip file Loop Habit Tracker exports.',
  },
  focushub: {
    label: 'FocusHub export (the ZIP of Export my data)',
    form: 'FocusHub export file',
    fileLabel: 'FocusHub export (.zip)',
    types: ['application/zip'],
    noFile: 'Choose the .zip file of a FocusHub export.',
    otherFile: 'Choose the .zip file of a FocusHub export.',
  },
}

/** The sources, in the order the screen offers them. */
export const sourceChoices: ImportSource[] = ['todoist', 'loop', 'focushub']

const extensions: Record<ImportType, string> = { 'text/csv': '.csv', 'application/zip': '.zip' }

/** A source's file input's `accept`: its files' extensions, then their types (".zip,application/zip"). */
export const acceptOf = (source: ImportSource) => {
  const { types } = importSources[source]
  return [...types.map((type) => extensions[type]), ...types].join(',')
}

/** The largest file an import reads (the services' and the gateway's body limit). */
export const maxImportBytes = 1024 * 1024
/** Notes of a report the screen lists; "and N more" says the rest. */
export const notesShown = 20

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

/**
 * Why a chosen file cannot be imported from the source as it is, before sending it; undefined when it can
 * be. Todoist takes a CSV or a ZIP; Loop and FocusHub only a ZIP.
 */
export function fileMessage(file: { name: string; type: string; size: number }, source: ImportSource = 'todoist') {
  const type = importType(file)
  if (!type || !importSources[source].types.includes(type)) return importSources[source].otherFile
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
 * A report in a sentence: "Will create 1 project and 3 tasks; 2 already imported." before, "Created …"
 * after, "Nothing new to create; 2 already imported." when nothing is; `before` says what earlier imports made.
 */
function reportSentence(dryRun: boolean, made: [count: number, noun: string][], before: string[]) {
  const start = made.every(([count]) => count === 0)
    ? dryRun
      ? 'Nothing new to create'
      : 'Created nothing new'
    : `${dryRun ? 'Will create' : 'Created'} ${listText(made.map(([count, noun]) => countText(count, noun)))}`
  return `${start}${before.length > 0 ? `; ${listText(before)}` : ''}.`
}

/**
 * A Todoist report in a sentence: "Will create 1 project, 3 tasks and 2 labels; 0 already imported."
 * before, "Created …" after; "Nothing new to create; 3 already imported." when a file was imported before.
 */
export function todoistSummaryText(report: Pick<TodoistReport, 'dryRun' | 'created' | 'alreadyImported'>) {
  const { projects, tasks, labels } = report.created
  return reportSentence(
    report.dryRun,
    [
      [projects, 'project'],
      [tasks, 'task'],
      [labels, 'label'],
    ],
    [`${report.alreadyImported} already imported`],
  )
}

/** How many of a report's habits an earlier import made: "3 habits imported before", or none. */
function habitsBefore(habits: { new: boolean }[]) {
  const before = habits.filter((habit) => !habit.new).length
  return before > 0 ? [`${countText(before, 'habit')} imported before`] : []
}

/**
 * A project's line after its name: "new project · 3 tasks to create", "imported before · 0 tasks to
 * create · 3 already imported", "new project · 3 tasks created"; the user's Inbox (where a FocusHub
 * export's Inbox goes) just "1 task to create".
 */
export function projectText(project: TodoistReport['projects'][number], dryRun: boolean, inbox = false) {
  return [
    ...(inbox ? [] : [project.new ? 'new project' : 'imported before']),
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
  return reportSentence(
    report.dryRun,
    [
      [habits, 'habit'],
      [checkIns, 'check-in'],
    ],
    habitsBefore(report.habits),
  )
}

/**
 * A FocusHub export's report, both parts, in a sentence: "Will create 1 project, 2 tasks, 0 labels, 1
 * habit and 1 check-in." before, "Created …" after, with what earlier imports made when they made any
 * ("Nothing new to create; 2 tasks already imported and 1 habit imported before.").
 */
export function focusHubSummaryText({ dryRun, tasks, habits }: FocusHubReport) {
  const { projects, tasks: taskCount, labels } = tasks.created
  return reportSentence(
    dryRun,
    [
      [projects, 'project'],
      [taskCount, 'task'],
      [labels, 'label'],
      [habits.created.habits, 'habit'],
      [habits.created.checkIns, 'check-in'],
    ],
    [
      ...(tasks.alreadyImported > 0 ? [`${countText(tasks.alreadyImported, 'task')} already imported`] : []),
      ...habitsBefore(habits.habits),
    ],
  )
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

/**
 * A note of a FocusHub export, with the file and the item it is about, counted from 1 (index 2 is the third):
 * "tasks/projects.json, item 3: shared with me as editor: not imported, nor its 1 task".
 */
export const focusHubNoteText = (note: FocusHubReport['tasks']['notes'][number]) =>
  `${note.file}, item ${note.index + 1}: ${note.note}`

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
