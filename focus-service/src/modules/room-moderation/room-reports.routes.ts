import { currentUser } from '@focushub/shared/auth'
import { contextOf } from '@focushub/shared/context'
import { type App, problems, routeScope } from '@focushub/shared/http'
import type { FocusContext } from '../../context.ts'
import { RoomParams } from '../rooms/rooms.schemas.ts'
import { CreatedReport, Report, ReportBody, ReportParams, ReportsPage, ReportsQuery } from './room-reports.schemas.ts'
import { reportRoom, resolveRoomReport, roomReports } from './room-reports.service.ts'

/**
 * Anyone who may see a room reports it or a message; admins (the token's role) read and resolve reports,
 * and anyone else gets 403: the routes are in the public document, so a 404 would hide nothing.
 */
export async function roomReportsRoutes(app: App, { ctx }: { ctx: FocusContext }) {
  routeScope(app, { tags: ['rooms'], access: 'user' })
  const onlyAdmins = { onRequest: app.requireRole('admin') }

  app.post(
    '/focus/rooms/:id/reports',
    {
      schema: {
        summary: 'Report a room or one of its messages to the admins',
        description: 'The message (`messageId`, of this room) has its text and author copied into the report.',
        params: RoomParams,
        body: ReportBody,
        response: { 201: CreatedReport, ...problems(400, 401, 404, 422) },
      },
    },
    async (request, reply) => {
      const user = currentUser(request).userId
      const report = await reportRoom(ctx, user, request.params.id, request.body, contextOf(request))
      return reply.code(201).send(report)
    },
  )

  app.get(
    '/focus/rooms/reports',
    {
      ...onlyAdmins,
      schema: {
        summary: 'Reports of rooms and messages, newest first (admins only)',
        querystring: ReportsQuery,
        response: { 200: ReportsPage, ...problems(400, 401, 403) },
      },
    },
    async (request) => roomReports(ctx, request.query.status, request.query.limit, request.query.cursor),
  )

  app.post(
    '/focus/rooms/reports/:id/resolve',
    {
      ...onlyAdmins,
      schema: {
        summary: 'Resolve a report (admins only); resolving it again changes nothing',
        description:
          'The first resolution publishes `focus.room.report_resolved` to the reporter alone (not naming the admin); ' +
          'resolving again answers the report as it is, with its first resolver, and publishes nothing.',
        params: ReportParams,
        response: { 200: Report, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => resolveRoomReport(ctx, currentUser(request).userId, request.params.id, contextOf(request)),
  )
}
