import type { RequestContext } from '@focushub/shared/context'
import { lockImports, recordImported, recordsOf } from '@focushub/shared/db'
import { dayBoundaryOf, inUnitOfWork } from '@focushub/shared/events'
import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { TaskContext } from '../../context.ts'
import type { Database } from '../../db/tables.ts'
import { taskError } from '../../errors.ts'
import { insertLabel } from '../labels/labels.repository.ts'
import { findMembership } from '../members/members.repository.ts'
import { insertProject } from '../projects/projects.repository.ts'
import { insertNewTask, targetProject } from '../tasks/tasks.service.ts'
import { labelsNamed, tasksStillIn } from './imports.repository.ts'
import type { ImportedProject, ImportNote } from './todoist-csv.ts'

/** Tasks one import makes at most (one transaction). */
export const maxImportTasks = 2000
/** Notes the report lists at most (the count says how many there were). */
const maxNotes = 200
const source = 'todoist'

interface ProjectPlan {
  project: ImportedProject
  /** The project made by an earlier import of the file, still mine to write to; undefined: a new one. */
  existingId: string | undefined
  /** The tasks to make, by index; the others were imported before. */
  fresh: number[]
}

/**
 * What an import of these projects makes and what it skips: a project made before (and still mine,
 * not archived) is added to, and a task imported before is not made again, even if it was deleted
 * since. Read only.
 */
async function planOf(db: Kysely<Database>, userId: string, projects: ImportedProject[]) {
  const keys = projects.flatMap((project) => [project.key, ...project.tasks.map((task) => task.key)])
  const records = await recordsOf(db, userId, source, keys)
  const plans: ProjectPlan[] = []
  for (const project of projects) {
    const recorded = records.get(project.key)
    const membership = recorded ? await findMembership(db, recorded, userId) : undefined
    const writable = membership && membership.role !== 'viewer' && !membership.archived_at
    const fresh = project.tasks.flatMap((task, index) => (records.has(task.key) ? [] : [index]))
    plans.push({ project, existingId: writable ? recorded : undefined, fresh })
  }
  return { plans, records }
}

function reportOf(plans: ProjectPlan[], labels: { made: number }, dryRun: boolean, ids: (string | undefined)[]) {
  const notes: ImportNote[] = plans.flatMap(({ project }) => project.notes)
  const tasks = plans.reduce((sum, plan) => sum + plan.fresh.length, 0)
  return {
    dryRun,
    projects: plans.map((plan, index) => ({
      name: plan.project.name,
      projectId: ids[index] ?? null,
      new: plan.existingId === undefined,
      tasks: plan.fresh.length,
      alreadyImported: plan.project.tasks.length - plan.fresh.length,
    })),
    created: {
      projects: plans.filter((plan) => plan.existingId === undefined).length,
      tasks,
      labels: labels.made,
    },
    alreadyImported: plans.reduce((sum, plan) => sum + plan.project.tasks.length - plan.fresh.length, 0),
    noteCount: notes.length,
    notes: notes.slice(0, maxNotes),
  }
}

export type ImportReport = ReturnType<typeof reportOf>

/**
 * Imports Todoist projects (todoist-csv.ts) for the actor: each a project of theirs (a new one, or the
 * one an earlier import of it made), its tasks made under their parents with their labels (made when
 * the actor has none of that name), in one transaction, each task published as task.created. A dry run
 * answers the same report and writes nothing. Importing the same file twice makes nothing new.
 */
export async function importTodoist(
  ctx: TaskContext,
  actor: RequestContext,
  projects: ImportedProject[],
  dryRun: boolean,
): Promise<ImportReport> {
  const total = projects.reduce((sum, project) => sum + project.tasks.length, 0)
  if (total > maxImportTasks)
    throw taskError('import-too-large', `An import makes at most ${maxImportTasks} tasks; this file has ${total}`)
  const userId = actor.userId
  if (dryRun) {
    const { plans } = await planOf(ctx.db, userId, projects)
    const labels = await labelsNamed(ctx.db, userId, labelNamesOf(plans))
    const missing = new Set(
      labelNamesOf(plans)
        .map((name) => name.toLowerCase())
        .filter((name) => !labels.has(name)),
    )
    return reportOf(
      plans,
      { made: missing.size },
      true,
      plans.map((plan) => plan.existingId),
    )
  }
  const boundary = await dayBoundaryOf(ctx.db, userId)
  return inUnitOfWork(ctx.db, async (work) => {
    const { trx } = work
    await lockImports(trx, userId)
    const { plans, records } = await planOf(trx, userId, projects)
    const labels = await labelsNamed(trx, userId, labelNamesOf(plans))
    let labelsMade = 0
    for (const name of labelNamesOf(plans)) {
      if (labels.has(name.toLowerCase())) continue
      const label = await insertLabel(trx, { id: uuidv7(), owner_id: userId, name, color: null })
      labels.set(name.toLowerCase(), label.id)
      labelsMade += 1
    }
    const ids: string[] = []
    for (const plan of plans) {
      const projectId = plan.existingId ?? (await newProject(trx, userId, plan.project))
      ids.push(projectId)
      const { audience } = await targetProject(trx, actor, projectId)
      const recordedIds = plan.project.tasks.map((task) => records.get(task.key)).filter((id) => id !== undefined)
      const still = await tasksStillIn(trx, projectId, recordedIds)
      const made = new Map<number, string>()
      for (const index of plan.fresh) {
        const task = plan.project.tasks[index]
        const parentTask = task.parent === null ? undefined : plan.project.tasks[task.parent]
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
            ...(parentId && (made.has(task.parent as number) || still.has(parentId)) ? { parentId } : {}),
          },
          { boundary, projectId, audience },
        )
        made.set(index, row.id)
      }
      await recordImported(
        trx,
        userId,
        source,
        [...made].map(([index, objectId]) => ({ key: plan.project.tasks[index].key, objectId })),
      )
    }
    return reportOf(plans, { made: labelsMade }, false, ids)
  })
}

const labelNamesOf = (plans: ProjectPlan[]) => {
  const names = new Map<string, string>()
  for (const plan of plans)
    for (const index of plan.fresh)
      for (const name of plan.project.tasks[index].labels)
        if (!names.has(name.toLowerCase())) names.set(name.toLowerCase(), name)
  return [...names.values()]
}

async function newProject(trx: Kysely<Database>, userId: string, project: ImportedProject) {
  const { project: row } = await insertProject(trx, { ownerId: userId, name: project.name, color: null })
  await recordImported(trx, userId, source, [{ key: project.key, objectId: row.id }])
  return row.id
}
