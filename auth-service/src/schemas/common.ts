import { AccountStatus, Role } from '@focushub/shared/auth'
import { DateTime, Uuid } from '@focushub/shared/http'
import Type from 'typebox'
import { maxPasswordBytes, minPasswordCharacters } from '../modules/accounts/password-policy.ts'
import { ianaNamePattern } from '../modules/accounts/timezone.ts'

/** Primitives of auth-service's own schemas (the shared ones come from @focushub/shared). */
export const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 })
/** A password presented to sign in or to confirm: only bounded, so the answer says nothing of the rules. */
export const Password = Type.String({ minLength: 1, maxLength: 1024 })
/**
 * A password being chosen: the rules of password-policy.ts that a schema can state. Its byte count
 * (72 bytes in UTF-8, which a schema cannot count) is checked by the service: 422.
 */
export const NewPassword = Type.String({
  minLength: minPasswordCharacters,
  maxLength: maxPasswordBytes,
  pattern: '^[^\\u0000]*$',
  description: `${minPasswordCharacters} to ${maxPasswordBytes} characters, at most ${maxPasswordBytes} bytes in UTF-8, no NUL`,
})
/** Not blank, no control characters (newlines, NUL, escapes): the rules of profile-fields.ts. */
export const DisplayName = Type.String({
  minLength: 1,
  maxLength: 100,
  pattern: '^(?=[\\s\\S]*\\S)[^\\u0000-\\u001F\\u007F-\\u009F]*$',
})
/** An IANA name Intl knows (422 otherwise); answers carry its current name (`Asia/Calcutta` → `Asia/Kolkata`). */
export const Timezone = Type.String({ minLength: 1, maxLength: 64, pattern: ianaNamePattern })
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
