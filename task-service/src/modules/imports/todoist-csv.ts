// Todoist's project CSV (its import template, and each file of its backup export) read into what
// FocusHub makes of it: a project's tasks as a tree, with what cannot be carried over said.
import { createHash } from 'node:crypto'
import { ImportFileError, readCsv, unzipFiles } from '@focushub/shared/imports'
import type { ImportedProject, ImportedTask } from './import-plan.ts'

/** A task of a Todoist CSV: the line it came from (1 is the header) said in its notes. */
export interface TodoistTask extends ImportedTask {
  line: number
}

/** Something of the file not carried over, with where and why. */
export interface ImportNote {
  project: string
  line: number
  note: string
}

export interface TodoistProject extends ImportedProject {
  tasks: TodoistTask[]
  notes: ImportNote[]
}

/** Todoist's p1 (highest) to p4; an empty cell is p1, as Todoist's own import reads it. */
const priorities = { '1': 'urgent', '2': 'high', '3': 'medium', '4': 'none', '': 'urgent' } as const

const isoDate = /^\d{4}-\d{2}-\d{2}$/
const isoDateTime = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::\d{2})?$/
/** `@label` words of a task's content (Todoist's inline labels). */
const inlineLabel = /(?:^|\s)@([\p{L}\p{N}_-]{1,50})/gu

export const maxTitleLength = 500
export const maxDescriptionLength = 10_000

const digest = (...parts: unknown[]) => createHash('sha256').update(JSON.stringify(parts)).digest('base64url')

/** A due FocusHub reads, or null with the text kept: Todoist's natural language and repeats are not. */
function dueOf(text: string): { due: string | null; kept?: string } {
  const value = text.trim()
  if (value === '') return { due: null }
  if (isoDate.test(value) && !Number.isNaN(Date.parse(value))) return { due: value }
  const timed = isoDateTime.exec(value)
  if (timed && !Number.isNaN(Date.parse(`${timed[1]}T${timed[2]}:00Z`))) return { due: `${timed[1]}T${timed[2]}` }
  return { due: null, kept: value }
}

/**
 * One project's CSV: `task` rows become tasks (INDENT nests them under the task above of one level
 * less), `note` rows are added to the task above's description, `section` rows are not carried over
 * (their tasks are), nor are AUTHOR, RESPONSIBLE, DURATION or a DATE FocusHub cannot read (kept in the
 * description instead). `@words` of the content become labels.
 */
export function readTodoistCsv(name: string, text: string): TodoistProject {
  let columns: string[] = []
  const rows = readCsv(name, text, (header) => {
    columns = header.map((column) => column.trim().toUpperCase())
    return columns
  }) as Record<string, string>[]
  if (!(columns.includes('TYPE') && columns.includes('CONTENT')))
    throw new ImportFileError(`${name}: not a Todoist CSV (no TYPE and CONTENT columns)`)
  const project: TodoistProject = { name, key: digest('todoist-project', name), tasks: [], notes: [] }
  const note = (line: number, text: string) => project.notes.push({ project: name, line, note: text })
  /** The index of the last task at each depth, for INDENT. */
  const lastAt: number[] = []
  /** How many identical tasks came before under the same parent: two same lines stay two tasks. */
  const seen = new Map<string, number>()
  for (const [index, row] of rows.entries()) {
    const line = index + 2
    const type = (row.TYPE ?? '').trim()
    const content = (row.CONTENT ?? '').trim()
    if (type === '' && content === '') continue
    if (type === 'section') {
      note(line, `section "${content}" not imported (its tasks are)`)
      continue
    }
    if (type === 'note') {
      const task = project.tasks.at(-1)
      if (!task) {
        note(line, 'a note before any task: skipped')
        continue
      }
      task.description = `${task.description}${task.description ? '\n\n' : ''}${content}`.slice(0, maxDescriptionLength)
      continue
    }
    if (type !== 'task') {
      note(line, `unknown TYPE "${type}": skipped`)
      continue
    }
    const labels = [...content.matchAll(inlineLabel)].map((match) => match[1])
    const title = content.replace(inlineLabel, '').trim().slice(0, maxTitleLength)
    if (title === '') {
      note(line, 'a task without a title: skipped')
      continue
    }
    const depth = Math.max(1, Number.parseInt(row.INDENT ?? '', 10) || 1)
    const parentDepth = Math.min(depth - 1, lastAt.length)
    const parent = parentDepth >= 1 ? (lastAt[parentDepth - 1] ?? null) : null
    if (depth > parentDepth + 1)
      note(line, `INDENT ${depth} under a task of INDENT ${parentDepth}: placed one level below it`)
    const due = dueOf(row.DATE ?? '')
    let description = (row.DESCRIPTION ?? '').trim()
    if (due.kept) {
      description = `${description}${description ? '\n\n' : ''}Due in Todoist: ${due.kept}`
      note(line, `due "${due.kept}" is not a date FocusHub reads: kept in the description`)
    }
    const priority = priorities[(row.PRIORITY ?? '').trim() as keyof typeof priorities]
    if (!priority) note(line, `PRIORITY "${row.PRIORITY}" is not 1 to 4: no priority`)
    const parentKey = parent === null ? null : project.tasks[parent].key
    const identity = [parentKey, title, description, due.due]
    const occurrence = seen.get(JSON.stringify(identity)) ?? 0
    seen.set(JSON.stringify(identity), occurrence + 1)
    project.tasks.push({
      key: digest('todoist-task', project.key, ...identity, occurrence),
      title,
      description: description.slice(0, maxDescriptionLength),
      priority: priority ?? 'none',
      due: due.due,
      labels: [...new Set(labels)],
      parent,
      line,
    })
    lastAt.length = parentDepth + 1
    lastAt[parentDepth] = project.tasks.length - 1
  }
  return project
}

/** CSV files one backup may hold. */
const maxFiles = 200

/** Todoist's backup export: a ZIP of one CSV per project, named after it. Other files are ignored. */
export function readTodoistBackup(zip: Uint8Array): TodoistProject[] {
  const files = unzipFiles(zip, /\.csv$/i)
  const names = Object.keys(files).sort()
  if (names.length === 0) throw new ImportFileError('the ZIP holds no CSV file')
  if (names.length > maxFiles) throw new ImportFileError(`the ZIP holds more than ${maxFiles} CSV files`)
  return names.map((path) => {
    const name =
      (path.split('/').at(-1) ?? path)
        .replace(/\.csv$/i, '')
        .replace(/ \[\d+\]$/, '')
        .trim() || 'Todoist'
    return readTodoistCsv(name.slice(0, 100), new TextDecoder().decode(files[path]))
  })
}
