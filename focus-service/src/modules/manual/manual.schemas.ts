import { DateTime, Uuid, Version } from '@focushub/shared'
import Type from 'typebox'

const Note = Type.String({ maxLength: 1000 })

export const LogBody = Type.Object(
  {
    startedAt: DateTime,
    endedAt: DateTime,
    note: Type.Optional(Note),
    taskId: Type.Optional(Uuid),
    habitId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
)

export const EditBody = Type.Object(
  {
    startedAt: Type.Optional(DateTime),
    endedAt: Type.Optional(DateTime),
    note: Type.Optional(Type.Union([Type.Null(), Note])),
    taskId: Type.Optional(Type.Union([Type.Null(), Uuid])),
    habitId: Type.Optional(Type.Union([Type.Null(), Uuid])),
    version: Type.Optional(Version),
  },
  { additionalProperties: false, minProperties: 1 },
)
