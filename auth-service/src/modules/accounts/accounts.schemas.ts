import Type from 'typebox'
import { DayStartHour, DisplayName, Email, NewPassword, Password, Timezone, User } from '../../schemas/common.ts'

export const RegisterBody = Type.Object(
  {
    email: Email,
    password: NewPassword,
    displayName: DisplayName,
    timezone: Type.Optional(Timezone),
    dayStartHour: Type.Optional(DayStartHour),
  },
  { additionalProperties: false },
)

export const ChangePasswordBody = Type.Object(
  { currentPassword: Password, newPassword: NewPassword },
  { additionalProperties: false },
)

export const DeleteAccountBody = Type.Object({ password: Password }, { additionalProperties: false })

export const Registered = Type.Object({ user: User })
