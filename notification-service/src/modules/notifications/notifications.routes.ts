import { currentUser } from '@focushub/shared/auth'
import { contextOf } from '@focushub/shared/context'
import { type App, problems, routeScope } from '@focushub/shared/http'
import Type from 'typebox'
import type { NotificationContext } from '../../context.ts'
import {
  Notification,
  NotificationListQuery,
  NotificationPage,
  NotificationParams,
  ReadAllResult,
  UnreadCount,
} from './notifications.schemas.ts'
import {
  listNotifications,
  readAllNotifications,
  readNotification,
  removeNotification,
  unreadCountOf,
} from './notifications.service.ts'

export async function notificationsRoutes(app: App, { ctx }: { ctx: NotificationContext }) {
  routeScope(app, { tags: ['notifications'], access: 'user' })

  app.get(
    '/notifications',
    {
      schema: {
        summary: 'My notifications, newest first or unread first',
        querystring: NotificationListQuery,
        response: { 200: NotificationPage, ...problems(400, 401) },
      },
    },
    async (request) => listNotifications(ctx, currentUser(request).userId, request.query),
  )

  app.get(
    '/notifications/unread-count',
    {
      schema: {
        summary: 'How many of my notifications are unread',
        response: { 200: UnreadCount, ...problems(401) },
      },
    },
    async (request) => unreadCountOf(ctx, currentUser(request).userId),
  )

  app.post(
    '/notifications/read-all',
    {
      schema: {
        summary: 'Mark all my notifications read',
        response: { 200: ReadAllResult, ...problems(401) },
      },
    },
    async (request) => readAllNotifications(ctx, contextOf(request)),
  )

  app.post(
    '/notifications/:id/read',
    {
      schema: {
        summary: 'Mark a notification read (one already read stays as it was)',
        params: NotificationParams,
        response: { 200: Notification, ...problems(400, 401, 404) },
      },
    },
    async (request) => readNotification(ctx, contextOf(request), request.params.id),
  )

  app.delete(
    '/notifications/:id',
    {
      schema: {
        summary: 'Delete a notification',
        params: NotificationParams,
        response: { 204: Type.Null(), ...problems(400, 401, 404) },
      },
    },
    async (request, reply) => {
      await removeNotification(ctx, contextOf(request), request.params.id)
      return reply.code(204).send(null)
    },
  )
}
