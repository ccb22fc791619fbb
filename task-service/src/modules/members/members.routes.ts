import { type App, currentUser, problems } from '@focushub/shared'
import Type from 'typebox'
import { actorOf, type TaskContext } from '../../context.ts'
import { ProjectParams } from '../projects/projects.schemas.ts'
import { ChangeRoleBody, ListMembersQuery, Member, MemberPage, MemberParams } from './members.schemas.ts'
import { changeRole, listProjectMembers, removeMember } from './members.service.ts'

const tags = ['projects']
const security = [{ bearerAuth: [] }]

export async function membersRoutes(app: App, { ctx }: { ctx: TaskContext }) {
  app.get(
    '/projects/:projectId/members',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        security,
        summary: 'Members of a project and their roles',
        params: ProjectParams,
        querystring: ListMembersQuery,
        response: { 200: MemberPage, ...problems(400, 401, 404) },
      },
    },
    async (request) => listProjectMembers(ctx, currentUser(request).userId, request.params.projectId, request.query),
  )

  app.patch(
    '/projects/:projectId/members/:userId',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        security,
        summary: "Change a member's role (owner)",
        params: MemberParams,
        body: ChangeRoleBody,
        response: { 200: Member, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { projectId, userId } = request.params
      return changeRole(ctx, currentUser(request).userId, projectId, userId, request.body.role)
    },
  )

  app.delete(
    '/projects/:projectId/members/:userId',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        security,
        summary: 'Remove a member (owner), or leave a project (any member)',
        params: MemberParams,
        response: { 204: Type.Null(), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request, currentUser(request).userId)
      await removeMember(ctx, actor, request.params.projectId, request.params.userId)
      return reply.code(204).send(null)
    },
  )
}
