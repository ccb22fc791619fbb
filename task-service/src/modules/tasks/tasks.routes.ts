import { type App, currentUser, etagOf, expectedVersion, IfMatchHeaders, problems } from '@focushub/shared'
import Type from 'typebox'
import { actorOf, type TaskContext } from '../../context.ts'
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

const tags = ['tasks']
const security = [{ bearerAuth: [] }]

export async function tasksRoutes(app: App, { ctx }: { ctx: TaskContext }) {
  const actor = (request: Parameters<typeof currentUser>[0]) => actorOf(request, currentUser(request).userId)

  app.post(
    '/tasks',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        security,
        summary: 'Create a task (in the Inbox when no projectId is given)',
        body: CreateTaskBody,
        response: { 201: Task, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const task = await createTask(ctx, actor(request), request.body)
      return reply.code(201).header('etag', etagOf(task.version)).send(task)
    },
  )

  app.get(
    '/tasks',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        security,
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
      onRequest: app.authenticate,
      schema: {
        tags,
        security,
        summary: 'A task of one of my projects',
        params: TaskParams,
        response: { 200: Task, ...problems(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const task = await getTask(ctx, currentUser(request).userId, request.params.taskId)
      return reply.header('etag', etagOf(task.version)).send(task)
    },
  )

  app.patch(
    '/tasks/:taskId',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        security,
        summary: 'Edit a task (owner, editor); status done completes it',
        params: TaskParams,
        headers: IfMatchHeaders,
        body: UpdateTaskBody,
        response: { 200: Task, ...problems(400, 401, 403, 404, 409, 412, 422) },
      },
    },
    async (request, reply) => {
      const { version, ...changes } = request.body
      const expected = expectedVersion(version, request.headers['if-match'])
      const task = await updateTask(ctx, actor(request), request.params.taskId, changes, expected)
      return reply.header('etag', etagOf(task.version)).send(task)
    },
  )

  app.post(
    '/tasks/:taskId/complete',
    {
      onRequest: app.authenticate,
      // The body is optional: no body reads as {} (then If-Match, if any, names the version).
      preValidation: async (request) => {
        request.body ??= {}
      },
      schema: {
        tags,
        security,
        summary: 'Complete a task; a recurring one brings its next occurrence, once',
        params: TaskParams,
        headers: IfMatchHeaders,
        body: CompleteTaskBody,
        response: { 200: Task, ...problems(400, 401, 403, 404, 409, 412) },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request.body.version, request.headers['if-match'])
      const task = await completeTask(ctx, actor(request), request.params.taskId, expected)
      return reply.header('etag', etagOf(task.version)).send(task)
    },
  )

  app.delete(
    '/tasks/:taskId',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        security,
        summary: 'Delete a task and its subtasks (owner, editor)',
        params: TaskParams,
        headers: IfMatchHeaders,
        response: { 204: Type.Null(), ...problems(400, 401, 403, 404, 409, 412) },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(undefined, request.headers['if-match'])
      await deleteTask(ctx, actor(request), request.params.taskId, expected)
      return reply.code(204).send(null)
    },
  )
}
