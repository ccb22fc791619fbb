import { DateTime, Page, PageQuery, Uuid } from '@focushub/shared/http'
import Type, { type Static } from 'typebox'

/**
 * The event types a webhook may subscribe to: what happens to a user's (or a project's) tasks, focus and
 * habits. Account, social and notification events are not sent out (others' messages and posts stay in
 * FocusHub). `webhook.ping` is the test delivery, sent on request only.
 */
export const webhookEventTypes = [
  'task.created',
  'task.updated',
  'task.completed',
  'task.deleted',
  'task.attachment.added',
  'task.attachment.removed',
  'project.member_added',
  'focus.session.started',
  'focus.session.paused',
  'focus.session.resumed',
  'focus.session.completed',
  'focus.session.abandoned',
  'focus.session.edited',
  'focus.session.deleted',
  'focus.daily_goal.achieved',
  'focus.daily_goal.revoked',
  'habit.checked_in',
  'habit.streak_broken',
  'habit.achievement.unlocked',
] as const

/** The events of a project that a project's webhook may take (each carries the project's id). */
export const projectEventTypes = new Set<string>([
  'task.created',
  'task.updated',
  'task.completed',
  'task.deleted',
  'task.attachment.added',
  'task.attachment.removed',
  'project.member_added',
])

export const WebhookEventType = Type.Union(
  webhookEventTypes.map((type) => Type.Literal(type)),
  {
    description:
      'An event type sent to webhooks (a project webhook takes only task.*, task.attachment.* and project.*)',
  },
)

const WebhookUrl = Type.String({
  format: 'uri',
  maxLength: 2000,
  pattern: '^https?://',
  description:
    'https:// to a public address (http:// and private addresses only where the service allows them, in local stacks)',
})

const Description = Type.String({ maxLength: 200, description: 'What it is for (shown in the list)' })

const EventTypes = Type.Array(WebhookEventType, { minItems: 1, maxItems: webhookEventTypes.length, uniqueItems: true })

export const CreateWebhookBody = Type.Object(
  {
    url: WebhookUrl,
    eventTypes: EventTypes,
    description: Type.Optional(Description),
    projectId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
)
export type CreateWebhookBody = Static<typeof CreateWebhookBody>

export const UpdateWebhookBody = Type.Object(
  {
    url: Type.Optional(WebhookUrl),
    eventTypes: Type.Optional(EventTypes),
    description: Type.Optional(Description),
    enabled: Type.Optional(
      Type.Boolean({ description: 'false turns it off; true turns it back on (also after FocusHub turned it off)' }),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type UpdateWebhookBody = Static<typeof UpdateWebhookBody>

const NullableDateTime = Type.Union([DateTime, Type.Null()])

export const Webhook = Type.Object({
  id: Uuid,
  url: Type.String(),
  description: Type.String(),
  eventTypes: Type.Array(Type.String()),
  projectId: Type.Union([Uuid, Type.Null()], { description: "A project's webhook, or null: my own events" }),
  enabled: Type.Boolean(),
  disabledReason: Type.Union([Type.Literal('failing'), Type.Null()], {
    description: '`failing`: FocusHub turned it off after a delivery failed for a day; null: on, or turned off by me',
  }),
  secretHint: Type.String({ description: 'The first characters of the signing secret' }),
  previousSecretExpiresAt: Type.Union([DateTime, Type.Null()], {
    description: 'Until then the secret before the last rotation signs too (a second signature)',
  }),
  createdAt: DateTime,
  updatedAt: DateTime,
})

export const CreatedWebhook = Type.Intersect([
  Webhook,
  Type.Object({ secret: Type.String({ description: 'whsec_…: shown only here (and on rotation)' }) }),
])

export const RotatedSecret = Type.Object({
  secret: Type.String({ description: 'The new whsec_… secret, shown only here' }),
  previousSecretExpiresAt: DateTime,
})

export const WebhookPage = Page(Webhook)

export const WebhookParams = Type.Object({ id: Uuid }, { additionalProperties: false })
export const DeliveryParams = Type.Object({ id: Uuid, deliveryId: Uuid }, { additionalProperties: false })
export const WebhookPageQuery = Type.Object(PageQuery, { additionalProperties: false })

export const Delivery = Type.Object({
  id: Uuid,
  eventId: Uuid,
  eventType: Type.String(),
  state: Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failed')], {
    description: '`pending`: to be tried (again) at nextAttemptAt; `delivered`: answered 2xx; `failed`: out of retries',
  }),
  attempts: Type.Integer({ minimum: 0 }),
  lastStatus: Type.Union([Type.Integer(), Type.Null()], { description: "The last answer's HTTP status" }),
  lastError: Type.Union([Type.String(), Type.Null()]),
  lastDurationMs: Type.Union([Type.Integer(), Type.Null()]),
  createdAt: DateTime,
  nextAttemptAt: NullableDateTime,
  deliveredAt: NullableDateTime,
})

export const Attempt = Type.Object({
  number: Type.Integer({ minimum: 1 }),
  attemptedAt: DateTime,
  status: Type.Union([Type.Integer(), Type.Null()], { description: 'null: no answer (refused, timed out)' }),
  error: Type.Union([Type.String(), Type.Null()]),
  durationMs: Type.Integer({ minimum: 0 }),
})

export const DeliveryDetail = Type.Intersect([
  Delivery,
  Type.Object({
    payload: Type.Unknown({ description: 'The body sent (as signed)' }),
    attemptLog: Type.Array(Attempt, { description: 'Every attempt, first to last' }),
  }),
])

export const DeliveryPage = Page(Delivery)
