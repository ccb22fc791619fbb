import { RoomTimer } from '@focushub/shared/events'
import { DateTime, Uuid, Version } from '@focushub/shared/http'
import Type from 'typebox'

const NullableId = Type.Union([Uuid, Type.Null()])

/** A timer action's body: all optional (an empty POST is fine); a stale `version` answers 412. */
export const TimerActionBody = Type.Union([
  Type.Object({ version: Type.Optional(Version) }, { additionalProperties: false }),
  Type.Null(),
])

export const TimerAnswer = Type.Object({
  timer: RoomTimer,
  version: Version,
})

export const ParticipantBody = Type.Object(
  {
    inTimer: Type.Optional(
      Type.Boolean({ description: 'Off: the room stops driving your session, which keeps running as yours' }),
    ),
    taskId: Type.Optional(Type.Union([Uuid, Type.Null()], { description: 'What your next room session is for' })),
    habitId: Type.Optional(NullableId),
  },
  { additionalProperties: false, minProperties: 1 },
)

export const MyParticipant = Type.Object({
  participant: Type.Object({
    userId: Uuid,
    joinedAt: DateTime,
    away: Type.Boolean(),
    muted: Type.Boolean(),
    inTimer: Type.Boolean(),
    taskId: NullableId,
    habitId: NullableId,
  }),
  version: Version,
})
