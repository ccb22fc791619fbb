import Type from 'typebox'

const Id = Type.String({ format: 'uuid' })
const Instant = Type.String({ format: 'date-time' })
const Phase = Type.Union([Type.Literal('work'), Type.Literal('short_break'), Type.Literal('long_break')])

/**
 * Every room event names its room and its audience: the participants who receive it live (the gateway
 * pushes an event to its `audience`), taken when it is written. A user who has left is not in the
 * audience of what follows, so a removed participant's open streams carry nothing more of the room.
 */
const Room = {
  roomId: Id,
  audience: Type.Array(Id, {
    maxItems: 100,
    description: 'The participants who receive this event live (and who just left, or was just invited)',
  }),
  roomVersion: Type.Integer({ minimum: 1, description: "The room's version after the change: newer wins" }),
}

/** The shared timer as every participant's client computes it: remaining time from `phaseEndsAt`. */
export const RoomTimer = Type.Object({
  status: Type.Union([Type.Literal('idle'), Type.Literal('running'), Type.Literal('paused')]),
  phase: Type.Union([Phase, Type.Null()]),
  cycle: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
  phaseEndsAt: Type.Union([Instant, Type.Null()], { description: 'While running: when the phase ends' }),
  remainingSeconds: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
    description: 'While paused: what the phase has left',
  }),
})

const LeaveReason = Type.Union([
  Type.Literal('left'),
  Type.Literal('removed'),
  Type.Literal('banned'),
  Type.Literal('timeout'),
  Type.Literal('closed'),
])

/**
 * Payloads of focus rooms' events on focushub.focus.events. userId is who acted (or whom the sweeper moved);
 * for focus.room.report_resolved it is the reporter, so the admin who resolved it stays unnamed.
 */
export const roomEvents = {
  'focus.room.created': {
    1: Type.Object({
      ...Room,
      name: Type.String(),
      visibility: Type.Union([Type.Literal('public'), Type.Literal('private')]),
    }),
  },
  'focus.room.updated': {
    1: Type.Object({ ...Room, changed: Type.Array(Type.String(), { description: 'The fields that changed' }) }),
  },
  'focus.room.closed': {
    1: Type.Object({ ...Room, reason: Type.Union([Type.Literal('host'), Type.Literal('empty')]) }),
  },
  'focus.room.joined': {
    1: Type.Object({ ...Room, participantId: Id }),
  },
  'focus.room.left': {
    1: Type.Object({ ...Room, participantId: Id, reason: LeaveReason }),
  },
  'focus.room.host_changed': {
    1: Type.Object({ ...Room, hostId: Id, previousHostId: Id }),
  },
  'focus.room.invited': {
    1: Type.Object({
      ...Room,
      inviteeIds: Type.Array(Id, {
        minItems: 1,
        maxItems: 50,
        description: 'Who was newly invited (the audience includes them)',
      }),
    }),
  },
  'focus.room.presence_changed': {
    1: Type.Object({ ...Room, participantId: Id, away: Type.Boolean() }),
  },
  'focus.room.participant_changed': {
    1: Type.Object({
      ...Room,
      participantId: Id,
      inTimer: Type.Boolean(),
      muted: Type.Boolean(),
    }),
  },
  'focus.room.timer_changed': {
    1: Type.Object({
      ...Room,
      action: Type.Union([
        Type.Literal('started'),
        Type.Literal('paused'),
        Type.Literal('resumed'),
        Type.Literal('skipped'),
        Type.Literal('ended'),
        Type.Literal('phase_ended'),
        Type.Literal('finished'),
      ]),
      timer: RoomTimer,
    }),
  },
  'focus.room.message_posted': {
    1: Type.Object({
      ...Room,
      messageId: Id,
      body: Type.String({ maxLength: 500 }),
      postedAt: Instant,
    }),
  },
  'focus.room.reported': {
    1: Type.Object({ ...Room, reportId: Id, messageId: Type.Union([Id, Type.Null()]) }),
  },
  'focus.room.report_resolved': {
    1: Type.Object({ ...Room, reportId: Id, messageId: Type.Union([Id, Type.Null()]), resolvedAt: Instant }),
  },
} as const
