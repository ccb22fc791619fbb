import { type App, currentUser, etagOf, expectedVersion, IfMatchHeaders, problems } from '@focushub/shared'
import Type from 'typebox'
import { actorOf, type TaskContext } from '../../context.ts'
import {
  CreateProjectBody,
  ListProjectsQuery,
  Project,
  ProjectPage,
  ProjectParams,
  UpdateProjectBody,
} from './projects.schemas.ts'
import { createProject, deleteProject, getProject, listProjects, updateProject } from './projects.service.ts'

const tags = ['projects']
const security = [{ bearerAuth: [] }]

export async function projectsRoutes(app: App, { ctx }: { ctx: TaskContext }) {
  app.post(
    '/projects',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        security,
        summary: 'Create a project; the caller is its owner',
        body: CreateProjectBody,
        response: { 201: Project, ...problems(400, 401) },
      },
    },
    async (request, reply) => {
      const project = await createProject(ctx, currentUser(request).userId, request.body)
      return reply.code(201).header('etag', etagOf(project.version)).send(project)
    },
  )

  app.get(
    '/projects',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        security,
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
      onRequest: app.authenticate,
      schema: {
        tags,
        security,
        summary: 'A project I am a member of',
        params: ProjectParams,
        response: { 200: Project, ...problems(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const project = await getProject(ctx, currentUser(request).userId, request.params.projectId)
      return reply.header('etag', etagOf(project.version)).send(project)
    },
  )

  app.patch(
    '/projects/:projectId',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        security,
        summary: 'Rename, recolour, archive or unarchive (owner, editor)',
        params: ProjectParams,
        headers: IfMatchHeaders,
        body: UpdateProjectBody,
        response: { 200: Project, ...problems(400, 401, 403, 404, 409, 412) },
      },
    },
    async (request, reply) => {
      const { version, ...changes } = request.body
      const expected = expectedVersion(version, request.headers['if-match'])
      const userId = currentUser(request).userId
      const project = await updateProject(ctx, userId, request.params.projectId, changes, expected)
      return reply.header('etag', etagOf(project.version)).send(project)
    },
  )

  app.delete(
    '/projects/:projectId',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        security,
        summary: 'Delete a project and its tasks (owner)',
        params: ProjectParams,
        headers: IfMatchHeaders,
        response: { 204: Type.Null(), ...problems(400, 401, 403, 404, 409, 412) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request, currentUser(request).userId)
      const expected = expectedVersion(undefined, request.headers['if-match'])
      await deleteProject(ctx, actor, request.params.projectId, expected)
      return reply.code(204).send(null)
    },
  )
}
