// FocusHub's own account export (notification-service's ZIP) read for its tasks: the projects the user
// owned with their tasks as a tree, and the user's labels, each as the create path takes it, with what
// is not carried over said.
import { checkedItems, checkItem, type ExportNote, ImportFileError, readFocusHubExport } from '@focushub/shared/imports'
import type { DayBoundary } from '@focushub/shared/time'
import Type, { type Static } from 'typebox'
import { CreateLabelBody, Label } from '../labels/labels.schemas.ts'
import { CreateProjectBody, Project } from '../projects/projects.schemas.ts'
import { checkRecurrence, columnsOf } from '../tasks/task-fields.ts'
import { CreateTaskBody, Task } from '../tasks/tasks.schemas.ts'
import type { ImportedProject, ImportedTask, ProjectsImport } from './import-plan.ts'

const files = { projects: 'tasks/projects.json', tasks: 'tasks/tasks.json', labels: 'tasks/labels.json' }

/** The fields the import reads of the export's items, as the API shows them (toProject, toTask, toLabel). */
const ExportedProject = Type.Pick(Project, ['id', 'name', 'color', 'isInbox', 'archivedAt', 'role', 'position'])
const ExportedLabel = Type.Pick(Label, ['id', 'name', 'color'])
const ExportedTask = Type.Pick(Task, [
  'id',
  'projectId',
  'parentId',
  'title',
  'description',
  'status',
  'priority',
  'due',
  'assigneeId',
  'observerIds',
  'labelIds',
  'position',
  'estimatePomodoros',
  'recurrence',
  'completedAt',
])
type ExportedTask = Static<typeof ExportedTask>

/** Projects (of the user's own) and labels one import makes at most; its tasks are limited as Todoist's are. */
export const maxProjects = 200
export const maxLabels = 2000

const taskCount = (count: number) => `${count} task${count === 1 ? '' : 's'}`

type Labels = Map<string, { name: string; color: string | null }>
interface Where {
  file: string
  index: number
}
/** A task read, with what places it in its tree. */
interface TaskRead {
  id: string
  parentId: string | null
  where: Where
  task: Omit<ImportedTask, 'parent'>
}

/** The user's labels as POST /labels takes them, by exported id. */
function labelsOf(items: unknown[], notes: ExportNote[]): Labels {
  const labels: Labels = new Map()
  for (const { index, item } of checkedItems(files.labels, items, ExportedLabel, notes)) {
    const label = { name: item.name.trim(), color: item.color }
    if (checkItem(CreateLabelBody, label, { file: files.labels, index }, notes)) labels.set(item.id, label)
  }
  if (labels.size > maxLabels) throw new ImportFileError(`${files.labels}: more than ${maxLabels} labels`)
  return labels
}

/**
 * A task as POST /tasks takes it: a done or cancelled task without its recurrence (its series goes on
 * in its open occurrence), and an open one's dropped, with a note, when it ends with this occurrence.
 */
function taskOf(item: ExportedTask, where: Where, labels: Labels, boundary: DayBoundary, notes: ExportNote[]) {
  const open = item.status === 'todo' || item.status === 'in_progress'
  const body = {
    title: item.title,
    description: item.description,
    priority: item.priority,
    due: item.due,
    labelIds: item.labelIds.filter((id) => labels.has(id)),
    ...(item.estimatePomodoros === null ? {} : { estimatePomodoros: item.estimatePomodoros }),
    ...(open && item.recurrence ? { recurrence: item.recurrence } : {}),
  }
  if (!checkItem(CreateTaskBody, body, where, notes)) return undefined
  let recurrence = body.recurrence ?? null
  if (recurrence) {
    try {
      const columns = columnsOf(body, boundary)
      checkRecurrence(columns, columns, boundary.timezone)
    } catch (error) {
      notes.push({ ...where, note: `its recurrence is not carried over: ${(error as Error).message}` })
      recurrence = null
    }
  }
  const { labelIds, recurrence: _checked, ...fields } = body
  return {
    ...fields,
    key: item.id,
    labels: labelIds.map((id) => (labels.get(id) as { name: string }).name),
    status: item.status,
    completedAt: item.completedAt === null ? null : new Date(item.completedAt),
    recurrence: recurrence && { rrule: recurrence.rrule, from: recurrence.from ?? 'due' },
  }
}

/**
 * A project's tasks in their manual order, but for a parent coming before its subtasks: made in this
 * order, they keep it. Each names its parent's index.
 */
function asTree(tasks: TaskRead[], notes: ExportNote[]): ImportedTask[] {
  const byId = new Map(tasks.map((read) => [read.id, read]))
  const placed = new Map<string, number>()
  const order: ImportedTask[] = []
  const place = (read: TaskRead, depth: number) => {
    if (placed.has(read.id)) return
    const parent = read.parentId === null ? undefined : byId.get(read.parentId)
    if (parent && depth < tasks.length) place(parent, depth + 1)
    const parentAt = read.parentId === null ? undefined : placed.get(read.parentId)
    if (read.parentId !== null && parentAt === undefined)
      notes.push({ ...read.where, note: 'its parent task is not imported: made without one' })
    placed.set(read.id, order.length)
    order.push({ ...read.task, parent: parentAt ?? null })
  }
  for (const read of tasks) place(read, 0)
  return order
}

/** What of the project's tasks is left out: one note for all of them. */
function leftOut(tasks: ExportedTask[], labels: Labels, where: Where, notes: ExportNote[]) {
  const assigned = tasks.filter((task) => task.assigneeId !== null || task.observerIds.length > 0).length
  const labelled = tasks.filter((task) => task.labelIds.some((id) => !labels.has(id))).length
  if (assigned > 0) notes.push({ ...where, note: `${taskCount(assigned)}: assignee and observers not carried over` })
  if (labelled > 0) notes.push({ ...where, note: `${taskCount(labelled)}: other members’ labels not carried over` })
}

type Checked<T> = { index: number; item: T }
const inOrder = (a: Checked<{ position: number; id: string }>, b: typeof a) =>
  a.item.position - b.item.position || a.item.id.localeCompare(b.item.id)

/** A project the user owned, as POST /projects takes it, with its tasks (in their order). */
function projectOf(
  { index, item }: Checked<Static<typeof ExportedProject>>,
  its: Checked<ExportedTask>[],
  labels: Labels,
  boundary: DayBoundary,
  notes: ExportNote[],
): ImportedProject | undefined {
  const where = { file: files.projects, index }
  if (item.role !== 'owner') {
    notes.push({ ...where, note: `shared with me as ${item.role}: not imported, nor its ${taskCount(its.length)}` })
    return undefined
  }
  const body = { name: item.isInbox ? 'Inbox' : item.name.trim(), color: item.color }
  if (!checkItem(CreateProjectBody, body, where, notes)) return undefined
  leftOut(
    its.map(({ item: task }) => task),
    labels,
    where,
    notes,
  )
  const tasks = its.sort(inOrder).flatMap(({ index: at, item: task }) => {
    const taskWhere = { file: files.tasks, index: at }
    const imported = taskOf(task, taskWhere, labels, boundary, notes)
    return imported ? [{ id: task.id, parentId: task.parentId, where: taskWhere, task: imported }] : []
  })
  return {
    ...body,
    key: item.id,
    archivedAt: item.archivedAt === null ? null : new Date(item.archivedAt),
    inbox: item.isInbox,
    tasks: asTree(tasks, notes),
  }
}

/**
 * What the export holds of tasks: each project the user owned (the Inbox's tasks going to the importer's
 * Inbox) in their order, its tasks with title, description, status (done ones with when), priority,
 * due, labels, estimate, recurrence (of open tasks), parent and order, and all the user's labels.
 * Projects shared with the user are left out with their tasks, each said in a note.
 */
export function readFocusHubTasks(zip: Uint8Array, boundary: DayBoundary): ProjectsImport<ExportNote> {
  const read = readFocusHubExport(zip, Object.values(files))
  const notes: ExportNote[] = []
  const labels = labelsOf(read[files.labels], notes)
  const projects = checkedItems(files.projects, read[files.projects], ExportedProject, notes)
  const tasks = checkedItems(files.tasks, read[files.tasks], ExportedTask, notes)
  const tasksOf = Map.groupBy(tasks, ({ item }) => item.projectId)
  const made: ImportedProject[] = []
  for (const project of projects.sort(inOrder)) {
    const imported = projectOf(project, tasksOf.get(project.item.id) ?? [], labels, boundary, notes)
    tasksOf.delete(project.item.id)
    if (imported) made.push(imported)
  }
  for (const [projectId, its] of tasksOf) {
    const note = `${taskCount(its.length)} of project ${projectId}, which is not imported: not imported`
    notes.push({ file: files.tasks, index: its[0].index, note })
  }
  if (made.length > maxProjects) throw new ImportFileError(`more than ${maxProjects} projects of your own`)
  return { source: 'focushub', projects: made, labels: [...labels.values()], notes }
}
