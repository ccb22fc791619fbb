import Type from 'typebox'
import { AccountStatus, Role } from '../../auth/account.ts'

/** Payloads of the events auth-service publishes on focushub.auth.events, by type and version. */
export const authEvents = {
  'auth.user.registered': {
    1: Type.Object({
      email: Type.String(),
      displayName: Type.String(),
      role: Role,
      timezone: Type.String(),
      dayStartHour: Type.Integer({ minimum: 0, maximum: 23 }),
    }),
  },
  'auth.user.profile_updated': {
    1: Type.Object({
      displayName: Type.String(),
      timezone: Type.String(),
      dayStartHour: Type.Integer({ minimum: 0, maximum: 23 }),
    }),
  },
  'auth.user.status_changed': {
    1: Type.Object({
      status: AccountStatus,
      previousStatus: AccountStatus,
      reason: Type.String(),
      changedBy: Type.String(),
    }),
  },
  'auth.user.deleted': {
    1: Type.Object({}),
  },
  /**
   * Sign-ins (refresh-token families, the access token's `sid`) ended before their access tokens expire; or
   * personal access tokens revoked (`token_revoked`: their ids, the `sid` of the access tokens traded for them).
   */
  'auth.user.sessions_revoked': {
    1: Type.Object({
      sessionIds: Type.Array(Type.String({ format: 'uuid' }), { minItems: 1 }),
      reason: Type.Union([
        Type.Literal('logout'),
        Type.Literal('password_changed'),
        Type.Literal('refresh_token_reused'),
        Type.Literal('role_changed'),
        Type.Literal('status_changed'),
        Type.Literal('token_revoked'),
      ]),
      /** The last moment an access token of these sessions can be valid: refusals may be forgotten after it. */
      accessTokensExpireBy: Type.String({ format: 'date-time' }),
    }),
  },
} as const
