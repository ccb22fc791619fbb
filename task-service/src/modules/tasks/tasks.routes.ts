import { currentUser } from '@focushub/shared/auth'
import { contextOf } from '@focushub/shared/context'
import { type App, IfMatchHeaders, problems, routeScope } from '@focushub/shared/http'
import Type from 'typebox'
import type { TaskContext } from '../../context.ts'
import { listTasks } from './task-list.ts'
import {
  CompleteTaskBody,
  CreateTaskBody,
  ListTasksQuery,
  Task,
  TaskPage,
  TaskParams,
  UpdateTaskBody,
} from './tasks.schemas.ts'
import { completeTask, createTask, deleteTask, getTask, updateTask } from './tasks.service.ts'

export async function tasksRoutes(app: App, { ctx }: { ctx: TaskContext }) {
  routeScope(app, { tags: ['tasks'], access: 'user' })

  app.post(
    '/tasks',
    {
      schema: {
        summary: 'Create a task (in the Inbox when no projectId is given)',
        body: CreateTaskBody,
        response: { 201: Task, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const task = await createTask(ctx, contextOf(request), request.body)
      return reply.code(201).send(task)
    },
  )

  app.get(
    '/tasks',
    {
      schema: {
        summary: 'Tasks of my projects: filters, full-text search, sort, cursor pages',
        querystring: ListTasksQuery,
        response: { 200: TaskPage, ...problems(400, 401, 404) },
      },
    },
    async (request) => listTasks(ctx, currentUser(request).userId, request.query),
  )

  app.get(
    '/tasks/:taskId',
    {
      schema: {
        summary: 'A task of one of my projects',
        params: TaskParams,
        response: { 200: Task, ...problems(400, 401, 404) },
      },
    },
    async (request) => {
      const task = await getTask(ctx, currentUser(request).userId, request.params.taskId)
      return task
    },
  )

  app.patch(
    '/tasks/:taskId',
    {
      schema: {
        summary: 'Edit a task (owner, editor); status done completes it',
        params: TaskParams,
        headers: IfMatchHeaders,
        body: UpdateTaskBody,
        response: { 200: Task, ...problems(400, 401, 403, 404, 409, 412, 422) },
      },
    },
    async (request) => {
      const { version, ...changes } = request.body
      const expected = version ?? request.ifMatchVersion
      const task = await updateTask(ctx, contextOf(request), request.params.taskId, changes, expected)
      return task
    },
  )

  app.post(
    '/tasks/:taskId/complete',
    {
      // The body is optional: no body reads as {} (then If-Match, if any, names the version).
      preValidation: async (request) => {
        request.body ??= {}
      },
      schema: {
        summary: 'Complete a task; a recurring one brings its next occurrence, once',
        params: TaskParams,
        headers: IfMatchHeaders,
        body: CompleteTaskBody,
        response: { 200: Task, ...problems(400, 401, 403, 404, 409, 412) },
      },
    },
    async (request) => {
      const expected = request.body.version ?? request.ifMatchVersion
      const task = await completeTask(ctx, contextOf(request), request.params.taskId, expected)
      return task
    },
  )

  app.delete(
    '/tasks/:taskId',
    {
      schema: {
        summary: 'Delete a task and its subtasks (owner, editor)',
        params: TaskParams,
        headers: IfMatchHeaders,
        response: { 204: Type.Null(), ...problems(400, 401, 403, 404, 409, 412) },
      },
    },
    async (request, reply) => {
      const expected = request.ifMatchVersion
      await deleteTask(ctx, contextOf(request), request.params.taskId, expected)
      return reply.code(204).send(null)
    },
  )
}
