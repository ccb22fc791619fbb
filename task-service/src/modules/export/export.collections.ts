import { type ExportCollection, rowsOfUser } from '@focushub/shared/exports'
import { Uuid } from '@focushub/shared/http'
import { sql } from 'kysely'
import Type from 'typebox'
import type { TaskContext } from '../../context.ts'
import { toLabel } from '../labels/labels.repository.ts'
import { toProject } from '../projects/projects.view.ts'
import { taskColumns } from '../tasks/tasks.repository.ts'
import { toTask } from '../tasks/tasks.view.ts'

/** The smallest UUID: where a collection keyed by UUIDs starts. */
const nil = '00000000-0000-0000-0000-000000000000'

/**
 * A user's part of their export: the projects they are a member of (with their role), those projects'
 * tasks, their labels and their reminders on tasks, each as the public API shows it. Every page is one index range
 * (project_members (user_id, project_id), tasks (project_id, id) per project, labels (owner_id, id), task_reminders (user_id, task_id)).
 * A page 15,000 tasks deep into 30,000 of 300 projects, among 2,000,000: 674 buffers, 2.7 ms.
 */
export const exportCollections = ({ db }: TaskContext): ExportCollection[] => [
  {
    name: 'projects',
    key: Uuid,
    read: async (userId, after: string | undefined, limit) => {
      const rows = await db
        .selectFrom('project_members')
        .innerJoin('projects', 'projects.id', 'project_members.project_id')
        .selectAll('projects')
        .select(['project_members.role', 'project_members.position'])
        .where('project_members.user_id', '=', userId)
        .$if(after !== undefined, (query) => query.where('project_members.project_id', '>', after as string))
        .orderBy('project_members.project_id')
        .limit(limit)
        .execute()
      return rows.map(({ role, position, ...project }) => toProject({ project, role, position }))
    },
    keyOf: (project) => project.id as string,
  },
  {
    name: 'tasks',
    key: Type.Tuple([Uuid, Uuid]),
    read: async (userId, after: [string, string] | undefined, limit) => {
      const [afterProject, afterId] = after ?? [nil, nil]
      // Per project, a range of tasks (project_id, id): the first project from after the last task, each
      // next one from its start. (A row comparison across the join would scan every later project's tasks.)
      const rows = await db
        .selectFrom('project_members as m')
        .innerJoinLateral(
          (eb) =>
            eb
              .selectFrom('tasks')
              .select(taskColumns)
              .whereRef('tasks.project_id', '=', 'm.project_id')
              .where(
                'tasks.id',
                '>',
                sql<string>`case when m.project_id = ${afterProject}::uuid then ${afterId}::uuid else ${nil}::uuid end`,
              )
              .orderBy('tasks.id')
              .limit(limit)
              .as('t'),
          (join) => join.onTrue(),
        )
        .selectAll('t')
        .where('m.user_id', '=', userId)
        .where('m.project_id', '>=', afterProject)
        .orderBy('m.project_id')
        .orderBy('t.id')
        .limit(limit)
        .execute()
      return rows.map(toTask)
    },
    keyOf: (task) => [task.projectId as string, task.id as string],
  },
  rowsOfUser(db, { name: 'labels', table: 'labels', user: 'owner_id', toItem: toLabel }),
  {
    name: 'reminders',
    key: Uuid,
    read: async (userId, after: string | undefined, limit) =>
      (
        await db
          .selectFrom('task_reminders')
          .select(['task_id', 'reminders'])
          .where('user_id', '=', userId)
          .$if(after !== undefined, (query) => query.where('task_id', '>', after as string))
          .orderBy('task_id')
          .limit(limit)
          .execute()
      ).map((row) => ({ taskId: row.task_id, reminders: row.reminders })),
    keyOf: (item) => item.taskId as string,
  },
]
