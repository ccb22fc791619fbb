import Type from 'typebox'
import { DayStartHour, DisplayName, Email, Password, Timezone, User } from '../../schemas/common.ts'

export const RegisterBody = Type.Object(
  {
    email: Email,
    password: Password,
    displayName: DisplayName,
    timezone: Type.Optional(Timezone),
    dayStartHour: Type.Optional(DayStartHour),
  },
  { additionalProperties: false },
)

export const ChangePasswordBody = Type.Object(
  { currentPassword: Password, newPassword: Password },
  { additionalProperties: false },
)

export const DeleteAccountBody = Type.Object({ password: Password }, { additionalProperties: false })

export const Registered = Type.Object({ user: User })
