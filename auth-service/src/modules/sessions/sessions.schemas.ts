import { DateTime } from '@focushub/shared/http'
import Type from 'typebox'
import { Email, Password, User } from '../../schemas/common.ts'

export const LoginBody = Type.Object({ email: Email, password: Password }, { additionalProperties: false })

/** Any string up to a bound: a malformed token is simply not a known one (401), not a validation error. */
export const RefreshToken = Type.String({ minLength: 1, maxLength: 512 })
/** The token is required in the JSON mode; in cookie mode the body may be `{}` and the cookie carries it. */
export const RefreshBody = Type.Object(
  {
    refreshToken: Type.Optional({
      ...RefreshToken,
      description: 'Required unless `X-Refresh-Token-Mode: cookie` and the cookie carries the token',
    }),
  },
  { additionalProperties: false },
)

export const Session = Type.Object({
  tokenType: Type.Literal('Bearer'),
  accessToken: Type.String(),
  /** Seconds until the access token expires. */
  expiresIn: Type.Integer(),
  refreshToken: Type.Optional(
    Type.String({ description: 'Absent in cookie mode (`X-Refresh-Token-Mode: cookie`): the Set-Cookie carries it' }),
  ),
  refreshTokenExpiresAt: DateTime,
  user: User,
})
