import { DateTime, Text, Uuid, Version } from '@focushub/shared/http'
import Type from 'typebox'

const Note = Text({ maxLength: 1000 })
const StartedAt = {
  ...DateTime,
  description: 'On a local day from today − FOCUS_BACKFILL_DAYS (default 7) through today; earlier answers 422',
}

export const LogBody = Type.Object(
  {
    startedAt: StartedAt,
    endedAt: DateTime,
    note: Type.Optional(Note),
    taskId: Type.Optional(Uuid),
    habitId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
)

export const EditBody = Type.Object(
  {
    startedAt: Type.Optional(StartedAt),
    endedAt: Type.Optional(DateTime),
    note: Type.Optional(Type.Union([Type.Null(), Note])),
    taskId: Type.Optional(Type.Union([Type.Null(), Uuid])),
    habitId: Type.Optional(Type.Union([Type.Null(), Uuid])),
    version: Type.Optional(Version),
  },
  { additionalProperties: false, minProperties: 1 },
)
