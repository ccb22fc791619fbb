import { currentUser } from '@focushub/shared/auth'
import { contextOf } from '@focushub/shared/context'
import { type App, IfMatchHeaders, problems, routeScope } from '@focushub/shared/http'
import Type from 'typebox'
import type { TaskContext } from '../../context.ts'
import {
  CreateProjectBody,
  ListProjectsQuery,
  Project,
  ProjectPage,
  ProjectParams,
  UpdateProjectBody,
} from './projects.schemas.ts'
import { createProject, deleteProject, getProject, listProjects, updateProject } from './projects.service.ts'

export async function projectsRoutes(app: App, { ctx }: { ctx: TaskContext }) {
  routeScope(app, { tags: ['projects'], access: 'user' })

  app.post(
    '/projects',
    {
      schema: {
        summary: 'Create a project; the caller is its owner',
        body: CreateProjectBody,
        response: { 201: Project, ...problems(400, 401) },
      },
    },
    async (request, reply) => {
      const project = await createProject(ctx, currentUser(request).userId, request.body)
      return reply.code(201).send(project)
    },
  )

  app.get(
    '/projects',
    {
      schema: {
        summary: 'The projects I am a member of, active or archived',
        querystring: ListProjectsQuery,
        response: { 200: ProjectPage, ...problems(400, 401) },
      },
    },
    async (request) => listProjects(ctx, currentUser(request).userId, request.query),
  )

  app.get(
    '/projects/:projectId',
    {
      schema: {
        summary: 'A project I am a member of',
        params: ProjectParams,
        response: { 200: Project, ...problems(400, 401, 404) },
      },
    },
    async (request) => {
      const project = await getProject(ctx, currentUser(request).userId, request.params.projectId)
      return project
    },
  )

  app.patch(
    '/projects/:projectId',
    {
      schema: {
        summary: 'Rename, recolour, archive or unarchive (owner, editor)',
        params: ProjectParams,
        headers: IfMatchHeaders,
        body: UpdateProjectBody,
        response: { 200: Project, ...problems(400, 401, 403, 404, 409, 412) },
      },
    },
    async (request) => {
      const { version, ...changes } = request.body
      const expected = version ?? request.ifMatchVersion
      const userId = currentUser(request).userId
      const project = await updateProject(ctx, userId, request.params.projectId, changes, expected)
      return project
    },
  )

  app.delete(
    '/projects/:projectId',
    {
      schema: {
        summary: 'Delete a project and its tasks (owner)',
        params: ProjectParams,
        headers: IfMatchHeaders,
        response: { 204: Type.Null(), ...problems(400, 401, 403, 404, 409, 412) },
      },
    },
    async (request, reply) => {
      const actor = contextOf(request)
      const expected = request.ifMatchVersion
      await deleteProject(ctx, actor, request.params.projectId, expected)
      return reply.code(204).send(null)
    },
  )
}
