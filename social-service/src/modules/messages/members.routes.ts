import { currentUser } from '@focushub/shared/auth'
import { type App, problems, routeScope } from '@focushub/shared/http'
import Type from 'typebox'
import type { SocialContext } from '../../context.ts'
import { addMembers, leaveGroup, removeMember } from './members.service.ts'
import { Conversation, ConversationParams, MemberParams, MembersBody } from './messages.schemas.ts'

export async function membersRoutes(app: App, { ctx }: { ctx: SocialContext }) {
  routeScope(app, { tags: ['social'], access: 'user' })

  app.post(
    '/social/conversations/:id/leave',
    {
      schema: {
        summary: 'Leave a group (a one-to-one conversation: 422); the last one out deletes it',
        params: ConversationParams,
        response: { 204: Type.Null(), ...problems(400, 401, 404, 422) },
      },
    },
    async (request, reply) => {
      await leaveGroup(ctx, currentUser(request).userId, request.params.id)
      return reply.code(204).send(null)
    },
  )

  app.post(
    '/social/conversations/:id/members',
    {
      schema: {
        summary: 'Add people to my group (its creator only), each checked as a one-to-one start',
        params: ConversationParams,
        body: MembersBody,
        response: { 200: Conversation, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => addMembers(ctx, currentUser(request).userId, request.params.id, request.body.userIds),
  )

  app.delete(
    '/social/conversations/:id/members/:userId',
    {
      schema: {
        summary: 'Remove a member from my group (its creator only; removing myself is leaving)',
        params: MemberParams,
        response: { 204: Type.Null(), ...problems(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      await removeMember(ctx, currentUser(request).userId, request.params.id, request.params.userId)
      return reply.code(204).send(null)
    },
  )
}
