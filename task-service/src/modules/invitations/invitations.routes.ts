import { currentUser } from '@focushub/shared/auth'
import { contextOf } from '@focushub/shared/context'
import { type App, problems, routeScope } from '@focushub/shared/http'
import Type from 'typebox'
import type { TaskContext } from '../../context.ts'
import { ProjectParams } from '../projects/projects.schemas.ts'
import {
  InvitationParams,
  InviteBody,
  ListInvitationsQuery,
  Membership,
  ProjectInvitation,
  ProjectInvitationPage,
  ProjectInvitationParams,
  ReceivedInvitationPage,
} from './invitations.schemas.ts'
import {
  acceptInvitation,
  declineInvitation,
  invite,
  listInvitationsOfProject,
  listMyInvitations,
  revokeInvitation,
} from './invitations.service.ts'

/** The owner's side, under the project: invite, list and revoke. */
async function projectInvitationRoutes(app: App, ctx: TaskContext) {
  app.post(
    '/projects/:projectId/invitations',
    {
      schema: {
        summary: 'Invite someone by e-mail or user id (owner); the same answer whether they have an account',
        params: ProjectParams,
        body: InviteBody,
        response: { 202: ProjectInvitation, ...problems(400, 401, 403, 404, 409, 429, 502, 503) },
      },
    },
    async (request, reply) => {
      const actor = contextOf(request)
      return reply.code(202).send(await invite(ctx, actor, request.params.projectId, request.body))
    },
  )

  app.get(
    '/projects/:projectId/invitations',
    {
      schema: {
        summary: "The project's open invitations (owner)",
        params: ProjectParams,
        querystring: ListInvitationsQuery,
        response: { 200: ProjectInvitationPage, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) =>
      listInvitationsOfProject(ctx, currentUser(request).userId, request.params.projectId, request.query),
  )

  app.delete(
    '/projects/:projectId/invitations/:invitationId',
    {
      schema: {
        summary: 'Revoke an open invitation (owner)',
        params: ProjectInvitationParams,
        response: { 204: Type.Null(), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { projectId, invitationId } = request.params
      await revokeInvitation(ctx, currentUser(request).userId, projectId, invitationId)
      return reply.code(204).send(null)
    },
  )
}

/** The invitee's side: the invitations they received, and their answer. */
async function receivedInvitationRoutes(app: App, ctx: TaskContext) {
  app.get(
    '/invitations',
    {
      schema: {
        summary: 'Invitations to projects waiting for my answer',
        querystring: ListInvitationsQuery,
        response: { 200: ReceivedInvitationPage, ...problems(400, 401) },
      },
    },
    async (request) => listMyInvitations(ctx, currentUser(request).userId, request.query),
  )

  app.post(
    '/invitations/:invitationId/accept',
    {
      schema: {
        summary: 'Accept an invitation: join the project with the role offered',
        params: InvitationParams,
        response: { 200: Membership, ...problems(400, 401, 404) },
      },
    },
    async (request) => acceptInvitation(ctx, contextOf(request), request.params.invitationId),
  )

  app.post(
    '/invitations/:invitationId/decline',
    {
      schema: {
        summary: 'Decline an invitation',
        params: InvitationParams,
        response: { 204: Type.Null(), ...problems(400, 401, 404) },
      },
    },
    async (request, reply) => {
      await declineInvitation(ctx, currentUser(request).userId, request.params.invitationId)
      return reply.code(204).send(null)
    },
  )
}

export async function invitationsRoutes(app: App, { ctx }: { ctx: TaskContext }) {
  routeScope(app, { tags: ['projects'], access: 'user' })

  await projectInvitationRoutes(app, ctx)
  await receivedInvitationRoutes(app, ctx)
}
