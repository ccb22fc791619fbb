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

export const Shares = Type.Object({ sessionId: Uuid, recipientIds: Type.Array(Uuid), links: Type.Array(Link) })

export const ShareBody = Type.Object(
  { userIds: Type.Array(Uuid, { minItems: 1, maxItems: 50 }) },
  { additionalProperties: false },
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
export const SharedPage = Page(Type.Intersect([Session, Type.Object({ ownerId: Uuid })]))

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
