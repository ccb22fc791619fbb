import { AccountStatus, Role } from '@focushub/shared/auth'
import { DateTime, PageQuery, Text, Uuid, Version } from '@focushub/shared/http'
import Type from 'typebox'

export const UserListQuery = Type.Object(
  {
    ...PageQuery,
    /** Case-insensitive prefix of the e-mail or the display name. */
    q: Type.Optional(Text({ minLength: 1, maxLength: 254 })),
    role: Type.Optional(Role),
    status: Type.Optional(AccountStatus),
  },
  { additionalProperties: false },
)

export const UserParams = Type.Object({ id: Uuid }, { additionalProperties: false })

export const ChangeUserBody = Type.Object(
  {
    role: Type.Optional(Role),
    status: Type.Optional(AccountStatus),
    /** Why: kept in the audit log and sent with auth.user.status_changed. */
    reason: Text({ minLength: 1, maxLength: 500 }),
    version: Type.Optional(Version),
  },
  { additionalProperties: false },
)

export const AuditQuery = Type.Object(
  {
    ...PageQuery,
    targetUserId: Type.Optional(Uuid),
    action: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z_.]+$' })),
  },
  { additionalProperties: false },
)

export const AuditEntry = Type.Object({
  id: Uuid,
  actorId: Type.Union([Uuid, Type.Null()]),
  action: Type.String(),
  targetUserId: Type.Union([Uuid, Type.Null()]),
  details: Type.Object({}, { additionalProperties: true }),
  requestId: Type.String(),
  ip: Type.Union([Type.String(), Type.Null()]),
  createdAt: DateTime,
})
