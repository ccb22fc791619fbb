import { currentUser } from '@focushub/shared/auth'
import { contextOf } from '@focushub/shared/context'
import { type App, problems, routeScope } from '@focushub/shared/http'
import Type from 'typebox'
import type { TaskContext } from '../../context.ts'
import { ProjectParams } from '../projects/projects.schemas.ts'
import { ChangeRoleBody, ListMembersQuery, Member, MemberPage, MemberParams } from './members.schemas.ts'
import { changeRole, listProjectMembers, removeMember } from './members.service.ts'

export async function membersRoutes(app: App, { ctx }: { ctx: TaskContext }) {
  routeScope(app, { tags: ['projects'], access: 'user' })

  app.get(
    '/projects/:projectId/members',
    {
      schema: {
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
      schema: {
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
      schema: {
        summary: 'Remove a member (owner), or leave a project (any member)',
        params: MemberParams,
        response: { 204: Type.Null(), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const actor = contextOf(request)
      await removeMember(ctx, actor, request.params.projectId, request.params.userId)
      return reply.code(204).send(null)
    },
  )
}
