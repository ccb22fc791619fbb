// What an import of projects makes, whichever file it comes from (Todoist's CSV, FocusHub's export):
// the projects and tasks its reader found, and what of them earlier imports made already.
import { recordsOf } from '@focushub/shared/db'
import type { Kysely } from 'kysely'
import type { TaskStatus } from '../../db/tables/tasks.ts'
import type { Database } from '../../db/tables.ts'
import { findMembership } from '../members/members.repository.ts'
import { findInbox } from '../projects/projects.repository.ts'
import type { priorities } from '../tasks/tasks.schemas.ts'

/**
 * A task to make: `parent` is the index of its parent among its project's tasks (a parent comes first).
 * Tasks are made in their order: last in the project's manual order, one after the other.
 */
export interface ImportedTask {
  /** Stable over re-imports of the same file: what makes importing twice create nothing new. */
  key: string
  title: string
  description: string
  priority: (typeof priorities)[number]
  /** A date or a date-time (task-service's `due`), or null. */
  due: string | null
  /** Names of its labels: each made when the importer has none of that name (case aside). */
  labels: string[]
  parent: number | null
  /** todo when left out; a done or cancelled task is made, then closed as the file has it. */
  status?: TaskStatus
  completedAt?: Date | null
  estimatePomodoros?: number | null
  recurrence?: { rrule: string; from: 'due' | 'completion' } | null
}

export interface ImportedProject {
  name: string
  key: string
  color?: string | null
  /** Archived in the file: made, filled, then archived. */
  archivedAt?: Date | null
  /** The file's Inbox: its tasks go to the importer's own Inbox, and no project is made of it. */
  inbox?: boolean
  tasks: ImportedTask[]
}

/** An import's file as its reader found it: `source` names the records it keeps (`todoist`, `focushub`). */
export interface ProjectsImport<Note> {
  source: string
  projects: ImportedProject[]
  /** Labels to have beside those the tasks name, with their colour. */
  labels: { name: string; color: string | null }[]
  notes: Note[]
}

export interface ProjectPlan {
  project: ImportedProject
  /** Where its tasks go, when not to a new project: the Inbox, or the project an earlier import made. */
  projectId: string | undefined
  /**
   * A new project is made: the file's project was never imported, or the project made of it is gone,
   * archived or no longer mine to write, and there are tasks to put in it.
   */
  make: boolean
  /** The tasks to make, by index; the others were imported before. */
  fresh: number[]
}

/**
 * What an import of these projects makes and what it skips: a project made before (and still mine,
 * not archived) is added to, and a task imported before is not made again, even if it was deleted
 * since. Read only.
 */
export async function planOf(db: Kysely<Database>, userId: string, source: string, projects: ImportedProject[]) {
  const keys = projects.flatMap((project) => [project.key, ...project.tasks.map((task) => task.key)])
  const records = await recordsOf(db, userId, source, keys)
  const inbox = projects.some((project) => project.inbox) ? (await findInbox(db, userId))?.id : undefined
  const plans: ProjectPlan[] = []
  for (const project of projects) {
    const fresh = project.tasks.flatMap((task, index) => (records.has(task.key) ? [] : [index]))
    if (project.inbox) {
      plans.push({ project, projectId: inbox, make: false, fresh })
      continue
    }
    const recorded = records.get(project.key)
    const membership = recorded ? await findMembership(db, recorded, userId) : undefined
    const writable = membership && membership.role !== 'viewer' && !membership.archived_at
    const make = !writable && (recorded === undefined || fresh.length > 0)
    plans.push({ project, projectId: make || !membership ? undefined : recorded, make, fresh })
  }
  return { plans, records }
}
