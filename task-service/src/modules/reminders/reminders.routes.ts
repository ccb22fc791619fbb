import { currentUser } from '@focushub/shared/auth'
import { contextOf } from '@focushub/shared/context'
import { type App, problems, routeScope } from '@focushub/shared/http'
import type { TaskContext } from '../../context.ts'
import { TaskParams } from '../tasks/tasks.schemas.ts'
import { SetRemindersBody, TaskReminders } from './reminders.schemas.ts'
import { getReminders, setReminders } from './reminders.service.ts'

export async function remindersRoutes(app: App, { ctx }: { ctx: TaskContext }) {
  routeScope(app, { tags: ['tasks'], access: 'user' })

  app.get(
    '/tasks/:taskId/reminders',
    {
      schema: {
        summary: 'My reminders for a task (personal: each member has their own)',
        params: TaskParams,
        response: { 200: TaskReminders, ...problems(400, 401, 404) },
      },
    },
    async (request) => getReminders(ctx, currentUser(request).userId, request.params.taskId),
  )

  app.put(
    '/tasks/:taskId/reminders',
    {
      schema: {
        summary: 'Replace my reminders for a task (up to 5; an empty list removes them)',
        params: TaskParams,
        body: SetRemindersBody,
        response: { 200: TaskReminders, ...problems(400, 401, 404, 422) },
      },
    },
    async (request) => setReminders(ctx, contextOf(request), request.params.taskId, request.body.reminders),
  )
}
