import { DateTime } from '@focushub/shared/http'
import Type from 'typebox'
import { Email, Password, User } from '../../schemas/common.ts'

export const LoginBody = Type.Object({ email: Email, password: Password }, { additionalProperties: false })

/** Any string up to a bound: a malformed token is simply not a known one (401), not a validation error. */
const RefreshToken = Type.String({ minLength: 1, maxLength: 512 })
export const RefreshBody = Type.Object({ refreshToken: RefreshToken }, { additionalProperties: false })

export const Session = Type.Object({
  tokenType: Type.Literal('Bearer'),
  accessToken: Type.String(),
  /** Seconds until the access token expires. */
  expiresIn: Type.Integer(),
  refreshToken: Type.String(),
  refreshTokenExpiresAt: DateTime,
  user: User,
})
