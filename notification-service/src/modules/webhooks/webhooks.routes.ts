import { currentUser } from '@focushub/shared/auth'
import { type App, problems, routeScope } from '@focushub/shared/http'
import Type from 'typebox'
import {
  CreatedWebhook,
  CreateWebhookBody,
  Delivery,
  DeliveryDetail,
  DeliveryPage,
  DeliveryParams,
  RotatedSecret,
  UpdateWebhookBody,
  Webhook,
  WebhookPage,
  WebhookPageQuery,
  WebhookParams,
} from './webhooks.schemas.ts'
import {
  changeWebhook,
  createWebhook,
  getDelivery,
  getWebhook,
  listDeliveries,
  listWebhooks,
  ping,
  removeWebhook,
  replay,
  rotateSecret,
  type WebhookContext,
} from './webhooks.service.ts'

/**
 * A signed-in user's webhooks: managed only from a sign-in (a personal access token reaches none of
 * these routes, as a webhook sends every area's events), another's answering 404.
 */
export async function webhooksRoutes(app: App, { ctx }: { ctx: WebhookContext }) {
  routeScope(app, { tags: ['webhooks'], access: 'user' })

  app.post(
    '/webhooks',
    {
      schema: {
        summary: 'Subscribe a URL to event types (mine, or a project’s I own): its signing secret is shown only here',
        body: CreateWebhookBody,
        response: { 201: CreatedWebhook, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await createWebhook(ctx, currentUser(request).userId, request.body)),
  )

  app.get(
    '/webhooks',
    {
      schema: {
        summary: 'My webhooks, newest first (never their secrets)',
        querystring: WebhookPageQuery,
        response: { 200: WebhookPage, ...problems(400, 401, 403) },
      },
    },
    async (request) => listWebhooks(ctx, currentUser(request).userId, request.query),
  )

  app.get(
    '/webhooks/:id',
    {
      schema: {
        summary: 'One of my webhooks',
        params: WebhookParams,
        response: { 200: Webhook, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => getWebhook(ctx, currentUser(request).userId, request.params.id),
  )

  app.patch(
    '/webhooks/:id',
    {
      schema: {
        summary: 'Change its URL, event types or description, or turn it off or on',
        params: WebhookParams,
        body: UpdateWebhookBody,
        response: { 200: Webhook, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => changeWebhook(ctx, currentUser(request).userId, request.params.id, request.body),
  )

  app.delete(
    '/webhooks/:id',
    {
      schema: {
        summary: 'Delete it, with its delivery log: nothing more is sent to it',
        params: WebhookParams,
        response: { 204: Type.Null(), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await removeWebhook(ctx, currentUser(request).userId, request.params.id)
      return reply.code(204).send(null)
    },
  )

  app.post(
    '/webhooks/:id/secret',
    {
      schema: {
        summary: 'Rotate its signing secret: the new one is shown only here; the old one also signs for 24 hours',
        params: WebhookParams,
        response: { 200: RotatedSecret, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => rotateSecret(ctx, currentUser(request).userId, request.params.id),
  )

  app.post(
    '/webhooks/:id/ping',
    {
      schema: {
        summary: 'Send it a test delivery (`webhook.ping`) now',
        params: WebhookParams,
        response: { 202: Delivery, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.code(202).send(await ping(ctx, currentUser(request).userId, request.params.id)),
  )

  app.get(
    '/webhooks/:id/deliveries',
    {
      schema: {
        summary: 'Its deliveries, newest first, with the last attempt’s status and timing',
        params: WebhookParams,
        querystring: WebhookPageQuery,
        response: { 200: DeliveryPage, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => listDeliveries(ctx, currentUser(request).userId, request.params.id, request.query),
  )

  app.get(
    '/webhooks/:id/deliveries/:deliveryId',
    {
      schema: {
        summary: 'One delivery: the body sent and every attempt',
        params: DeliveryParams,
        response: { 200: DeliveryDetail, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => getDelivery(ctx, currentUser(request).userId, request.params.id, request.params.deliveryId),
  )

  app.post(
    '/webhooks/:id/deliveries/:deliveryId/replay',
    {
      schema: {
        summary: 'Send a delivery again, with the same id, now (and retried anew if it fails)',
        params: DeliveryParams,
        response: { 202: Delivery, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply
        .code(202)
        .send(await replay(ctx, currentUser(request).userId, request.params.id, request.params.deliveryId)),
  )
}
