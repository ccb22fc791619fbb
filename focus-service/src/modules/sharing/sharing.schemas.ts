import { DateTime, LocalDate, Page, PageQuery, Uuid } from '@focushub/shared/http'
import Type from 'typebox'
import { Phase, Session } from '../sessions/sessions.schemas.ts'
import { publicTokenPattern } from './public-token.ts'

const Link = Type.Object({
  id: Uuid,
  expiresAt: DateTime,
  revokedAt: Type.Union([DateTime, Type.Null()]),
  createdAt: DateTime,
})

const Recipient = Type.Object({
  userId: Uuid,
  displayName: Type.Union([Type.String(), Type.Null()], { description: 'null until focus-service learns it' }),
})

/** A session's recipients (their ids, and each with the name to show them by) and its public links. */
export const Shares = Type.Object({
  sessionId: Uuid,
  recipientIds: Type.Array(Uuid),
  recipients: Type.Array(Recipient),
  links: Type.Array(Link),
})

const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 })

/** The recipients, by e-mail (looked up at auth-service) or by user id: one list or the other, 1 to 50. */
export const ShareBody = Type.Object(
  {
    emails: Type.Optional(Type.Array(Email, { minItems: 1, maxItems: 50 })),
    userIds: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: 50 })),
  },
  {
    additionalProperties: false,
    description: 'Name the recipients by emails or by userIds, not both',
    oneOf: [{ required: ['emails'] }, { required: ['userIds'] }],
  },
)

export const RecipientParams = Type.Object({ id: Uuid, userId: Uuid })
export const LinkParams = Type.Object({ id: Uuid, linkId: Uuid })

export const LinkBody = Type.Union([
  Type.Object(
    { expiresInHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 720, description: 'default 168 (a week)' })) },
    { additionalProperties: false },
  ),
  Type.Null(),
])

export const CreatedLink = Type.Intersect([
  Link,
  Type.Object({ token: Type.String({ description: 'Shown once; only its hash is kept' }), path: Type.String() }),
])

export const SharedQuery = Type.Object(PageQuery, { additionalProperties: false })
export const SharedPage = Page(
  Type.Intersect([
    Session,
    Type.Object({
      ownerId: Uuid,
      ownerName: Type.Union([Type.String(), Type.Null()], {
        description: "The owner's display name (null until focus-service learns it)",
      }),
    }),
  ]),
)

export const PublicParams = Type.Object({ token: Type.String({ pattern: publicTokenPattern }) })

export const PublicSession = Type.Object({
  kind: Type.String(),
  status: Type.String(),
  phase: Type.Union([Phase, Type.Null()]),
  remainingSeconds: Type.Integer({ minimum: 0 }),
  focusedMinutes: Type.Integer({ minimum: 0 }),
  pomodoros: Type.Integer({ minimum: 0 }),
  startedAt: DateTime,
  endedAt: Type.Union([DateTime, Type.Null()]),
  localDate: LocalDate,
  linkExpiresAt: DateTime,
})
