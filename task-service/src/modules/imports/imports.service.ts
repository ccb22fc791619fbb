import type { RequestContext } from '@focushub/shared/context'
import { lockImports, recordImported } from '@focushub/shared/db'
import { dayBoundaryOf, inUnitOfWork, type UnitOfWork } from '@focushub/shared/events'
import type { DayBoundary } from '@focushub/shared/time'
import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { TaskContext } from '../../context.ts'
import type { TaskRow } from '../../db/tables/tasks.ts'
import type { Database } from '../../db/tables.ts'
import { taskError } from '../../errors.ts'
import { recordTaskEvent, taskSummaryOf } from '../../events/task-events.ts'
import { insertLabel } from '../labels/labels.repository.ts'
import { insertProject, updateProject } from '../projects/projects.repository.ts'
import { updateTask } from '../tasks/tasks.repository.ts'
import { insertNewTask, targetProject } from '../tasks/tasks.service.ts'
import { changedFields } from '../tasks/tasks.view.ts'
import { type ImportedProject, type ProjectPlan, type ProjectsImport, planOf } from './import-plan.ts'
import { labelsNamed, tasksStillIn } from './imports.repository.ts'

/** Tasks one import makes at most (one transaction). */
export const maxImportTasks = 2000
/** Notes the report lists at most (the count says how many there were). */
const maxNotes = 200

function reportOf<Note>(
  plans: ProjectPlan[],
  labelsMade: number,
  notes: Note[],
  dryRun: boolean,
  ids: (string | undefined)[],
) {
  const tasks = plans.reduce((sum, plan) => sum + plan.fresh.length, 0)
  return {
    dryRun,
    projects: plans.map((plan, index) => ({
      name: plan.project.name,
      projectId: ids[index] ?? null,
      new: plan.make,
      tasks: plan.fresh.length,
      alreadyImported: plan.project.tasks.length - plan.fresh.length,
    })),
    created: { projects: plans.filter((plan) => plan.make).length, tasks, labels: labelsMade },
    alreadyImported: plans.reduce((sum, plan) => sum + plan.project.tasks.length - plan.fresh.length, 0),
    noteCount: notes.length,
    notes: notes.slice(0, maxNotes),
  }
}

export type ImportReport<Note> = ReturnType<typeof reportOf<Note>>

/**
 * Imports projects (todoist-csv.ts, focushub-tasks.ts) for the actor: each a project of theirs (a new
 * one, the one an earlier import of it made, or their Inbox), its tasks made under their parents with
 * their labels (made when the actor has none of that name), in one transaction, each task published as
 * task.created. A dry run answers the same report and writes nothing. Importing the same file twice
 * makes nothing new.
 */
export async function importProjects<Note>(
  ctx: TaskContext,
  actor: RequestContext,
  file: ProjectsImport<Note>,
  dryRun: boolean,
): Promise<ImportReport<Note>> {
  const total = file.projects.reduce((sum, project) => sum + project.tasks.length, 0)
  if (total > maxImportTasks)
    throw taskError('import-too-large', `An import makes at most ${maxImportTasks} tasks; this file has ${total}`)
  const userId = actor.userId
  if (dryRun) {
    const { plans } = await planOf(ctx.db, userId, file.source, file.projects)
    const wanted = labelsOf(file, plans)
    const labels = await labelsNamed(
      ctx.db,
      userId,
      [...wanted.values()].map((label) => label.name),
    )
    const missing = [...wanted.keys()].filter((name) => !labels.has(name)).length
    return reportOf(
      plans,
      missing,
      file.notes,
      true,
      plans.map((plan) => plan.projectId),
    )
  }
  const boundary = await dayBoundaryOf(ctx.db, userId)
  return inUnitOfWork(ctx.db, async (work) => {
    const { trx } = work
    await lockImports(trx, userId)
    const { plans, records } = await planOf(trx, userId, file.source, file.projects)
    const { labels, made } = await ensureLabels(trx, userId, labelsOf(file, plans))
    const ids: (string | undefined)[] = []
    for (const plan of plans) {
      if (!plan.make && plan.fresh.length === 0) {
        ids.push(plan.projectId)
        continue
      }
      const named = plan.make ? await newProject(trx, userId, file.source, plan.project) : plan.projectId
      const projectId = await writeTasks(ctx, work, actor, plan, named, {
        boundary,
        labels,
        records,
        source: file.source,
      })
      ids.push(projectId)
      // Archived last: an archived project's tasks cannot be written.
      if (plan.make && plan.project.archivedAt)
        await updateProject(trx, projectId, { archived_at: plan.project.archivedAt })
    }
    return reportOf(plans, made, file.notes, false, ids)
  })
}

interface Into {
  boundary: DayBoundary
  /** Lower-case label name → id. */
  labels: Map<string, string>
  /** What earlier imports made: key → id. */
  records: Map<string, string>
  source: string
}

/** A plan's fresh tasks made in the project (the Inbox when undefined), parents first; answers the project. */
async function writeTasks(
  ctx: TaskContext,
  work: UnitOfWork<Database>,
  actor: RequestContext,
  plan: ProjectPlan,
  named: string | undefined,
  { boundary, labels, records, source }: Into,
) {
  const { tasks } = plan.project
  const { projectId, audience } = await targetProject(work.trx, actor, named)
  const recordedIds = tasks.map((task) => records.get(task.key)).filter((id) => id !== undefined)
  const still = await tasksStillIn(work.trx, projectId, recordedIds)
  const made = new Map<number, string>()
  for (const index of plan.fresh) {
    const task = tasks[index]
    const parentTask = task.parent === null ? undefined : tasks[task.parent]
    const parentId = parentTask && (made.get(task.parent as number) ?? records.get(parentTask.key))
    const row = await insertNewTask(
      ctx,
      work,
      actor,
      {
        title: task.title,
        description: task.description,
        priority: task.priority,
        due: task.due,
        labelIds: task.labels.map((name) => labels.get(name.toLowerCase()) as string),
        ...(task.status === 'in_progress' ? { status: task.status } : {}),
        ...(task.estimatePomodoros == null ? {} : { estimatePomodoros: task.estimatePomodoros }),
        ...(task.recurrence ? { recurrence: task.recurrence } : {}),
        ...(parentId && (made.has(task.parent as number) || still.has(parentId)) ? { parentId } : {}),
      },
      { boundary, projectId, audience },
    )
    if (task.status === 'done' || task.status === 'cancelled')
      await closeTask(work, actor, row, { status: task.status, at: task.completedAt ?? ctx.now() }, audience)
    made.set(index, row.id)
  }
  const madeRecords = [...made].map(([index, objectId]) => ({ key: tasks[index].key, objectId }))
  await recordImported(work.trx, actor.userId, source, madeRecords)
  return projectId
}

/**
 * A task just made closed as the file has it, done (completed `at`) or cancelled: announced as
 * task.updated, never task.completed — history is not news (no achievements for it), and a done
 * task's series goes on in its open occurrence, not in one made now.
 */
async function closeTask(
  work: UnitOfWork<Database>,
  actor: RequestContext,
  task: TaskRow,
  { status, at }: { status: 'done' | 'cancelled'; at: Date },
  audience: string[],
) {
  const closed = await updateTask(work.trx, task.id, { status, completed_at: status === 'done' ? at : null })
  recordTaskEvent(
    work,
    'task.updated',
    { ...taskSummaryOf(closed, audience), changed: changedFields(task, closed) },
    actor,
  )
}

/** The labels of the file and those its fresh tasks name, by lower-case name (the file's colour first). */
function labelsOf(file: ProjectsImport<unknown>, plans: ProjectPlan[]) {
  const labels = new Map(file.labels.map((label) => [label.name.toLowerCase(), label]))
  for (const plan of plans)
    for (const index of plan.fresh)
      for (const name of plan.project.tasks[index].labels)
        if (!labels.has(name.toLowerCase())) labels.set(name.toLowerCase(), { name, color: null })
  return labels
}

/** The actor's labels of these names, each made when they have none of that name: lower-case name → id. */
async function ensureLabels(trx: Kysely<Database>, userId: string, wanted: ReturnType<typeof labelsOf>) {
  const labels = await labelsNamed(
    trx,
    userId,
    [...wanted.values()].map((label) => label.name),
  )
  let made = 0
  for (const [name, label] of wanted) {
    if (labels.has(name)) continue
    const row = await insertLabel(trx, { id: uuidv7(), owner_id: userId, name: label.name, color: label.color })
    labels.set(name, row.id)
    made += 1
  }
  return { labels, made }
}

async function newProject(trx: Kysely<Database>, userId: string, source: string, project: ImportedProject) {
  const color = project.color ?? null
  const { project: row } = await insertProject(trx, { ownerId: userId, name: project.name, color })
  await recordImported(trx, userId, source, [{ key: project.key, objectId: row.id }])
  return row.id
}
