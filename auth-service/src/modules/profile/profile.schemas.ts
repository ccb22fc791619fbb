import { Version } from '@focushub/shared/http'
import Type from 'typebox'
import { DayStartHour, DisplayName, Timezone } from '../../schemas/common.ts'

export const UpdateProfileBody = Type.Object(
  {
    displayName: Type.Optional(DisplayName),
    timezone: Type.Optional(Timezone),
    dayStartHour: Type.Optional(DayStartHour),
    /** The version read; a stale one answers 412. Or send it as If-Match. */
    version: Type.Optional(Version),
  },
  { additionalProperties: false, minProperties: 1 },
)
