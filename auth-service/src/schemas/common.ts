import { DateTime, Uuid } from '@focushub/shared'
import Type from 'typebox'

/** Primitives of auth-service's own schemas (the shared ones come from @focushub/shared). */
export const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 })
/** Bounded here; the password rules (8 characters, 72 bytes) answer 422 from the service. */
export const Password = Type.String({ minLength: 1, maxLength: 1024 })
export const Role = Type.Union([Type.Literal('user'), Type.Literal('admin')])
export const AccountStatus = Type.Union([
  Type.Literal('active'),
  Type.Literal('suspended'),
  Type.Literal('deactivated'),
])
export const DisplayName = Type.String({ minLength: 1, maxLength: 100 })
export const Timezone = Type.String({ minLength: 1, maxLength: 64 })
export const DayStartHour = Type.Integer({ minimum: 0, maximum: 23 })

export const User = Type.Object({
  id: Uuid,
  email: Type.String(),
  displayName: Type.String(),
  role: Role,
  status: AccountStatus,
  timezone: Type.String(),
  dayStartHour: DayStartHour,
  version: Type.Integer(),
  createdAt: DateTime,
  updatedAt: DateTime,
})
