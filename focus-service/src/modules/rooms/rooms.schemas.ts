import { RoomTimer } from '@focushub/shared/events'
import {
  cursorId,
  cursorInt32,
  cursorTime,
  DateTime,
  keysetCursor,
  Page,
  PageQuery,
  pageQuery,
  Text,
  Uuid,
  Version,
} from '@focushub/shared/http'
import Type, { type Static } from 'typebox'
import { Plan, PlanFields } from '../sessions/sessions.schemas.ts'
import { publicTokenPattern } from '../sharing/public-token.ts'

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()])

/** What every host route's description says of who else calls it. */
export const hostOnly = '403 `host-only` to a participant who is not the host; 404 to whoever may not see the room.'

export const Visibility = Type.Union([Type.Literal('public'), Type.Literal('private')])

const Name = Text({ minLength: 1, maxLength: 80, notBlank: true, description: 'Trimmed; 1 to 80 characters' })
const Capacity = Type.Integer({ minimum: 2, maximum: 50 })
const Tag = Type.String({ minLength: 1, maxLength: 24, pattern: '^[A-Za-z0-9-]+$', description: 'Stored lower-case' })
const Tags = Type.Array(Tag, { maxItems: 5, description: 'Lower-cased and deduplicated' })
const DisplayName = Nullable(Type.String({ description: 'null until focus-service learns it' }))

const ParticipantState = Type.Union(
  [Type.Literal('focusing'), Type.Literal('break'), Type.Literal('idle'), Type.Literal('away')],
  { description: "away; else, following the shared timer's phase, focusing or break; else idle" },
)

export const Participant = Type.Object({
  userId: Uuid,
  displayName: DisplayName,
  joinedAt: DateTime,
  isHost: Type.Boolean(),
  away: Type.Boolean(),
  inTimer: Type.Boolean(),
  muted: Type.Boolean(),
  state: ParticipantState,
})

/** A room as its participants (and, for a public one, anyone) see it. */
export const RoomView = Type.Object({
  id: Uuid,
  name: Type.String(),
  visibility: Visibility,
  capacity: Capacity,
  tags: Type.Array(Type.String()),
  anyoneControls: Type.Boolean({ description: 'Whether every participant may drive the timer, not only the host' }),
  plan: Plan,
  hostId: Uuid,
  hostName: DisplayName,
  participantCount: Type.Integer({ minimum: 0 }),
  createdAt: DateTime,
  version: Version,
  timer: RoomTimer,
  participants: Type.Array(Participant, { description: 'Longest present first' }),
  me: Nullable(Participant),
})

/** A room in the directory or an invitation. */
export const RoomSummary = Type.Object({
  id: Uuid,
  name: Type.String(),
  visibility: Visibility,
  tags: Type.Array(Type.String()),
  capacity: Capacity,
  participantCount: Type.Integer({ minimum: 0 }),
  hostId: Uuid,
  hostName: DisplayName,
  timer: RoomTimer,
})

export const CurrentRoom = Type.Object({ room: Nullable(RoomView) })

export const RoomParams = Type.Object({ id: Uuid })
export const RoomLinkParams = Type.Object({ id: Uuid, linkId: Uuid })
export const RoomInviteeParams = Type.Object({ id: Uuid, userId: Uuid })

export const CreateRoomBody = Type.Object(
  {
    name: Name,
    visibility: Visibility,
    capacity: Type.Optional(Type.Integer({ minimum: 2, maximum: 50, description: 'default 10' })),
    tags: Type.Optional(Tags),
    anyoneControls: Type.Optional(Type.Boolean({ description: 'default false' })),
    plan: Type.Optional(Plan),
  },
  { additionalProperties: false },
)
export type CreateRoomBody = Static<typeof CreateRoomBody>

export const UpdateRoomBody = Type.Object(
  {
    name: Type.Optional(Name),
    visibility: Type.Optional(Visibility),
    capacity: Type.Optional(Capacity),
    tags: Type.Optional(Tags),
    anyoneControls: Type.Optional(Type.Boolean()),
    plan: Type.Optional(
      Type.Object(PlanFields, {
        additionalProperties: false,
        description: 'Only while the timer is idle (409 room-timer-busy)',
      }),
    ),
    version: Type.Optional(Version),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type UpdateRoomBody = Static<typeof UpdateRoomBody>

/** The directory's order: fullest first, then newest; its cursor is the last room's count and id. */
export const DirectoryCursor = keysetCursor(cursorInt32, cursorId)

export const DirectoryQuery = Type.Object(
  {
    q: Type.Optional(
      Text({
        minLength: 3,
        maxLength: 80,
        notBlank: true,
        description: 'A part of the name, any case; at least 3 characters (a trigram, which the index serves)',
      }),
    ),
    tag: Type.Optional(Tag),
    ...pageQuery(DirectoryCursor.schema),
  },
  { additionalProperties: false },
)
export const DirectoryPage = Page(RoomSummary)

/** Invitations, newest first; the cursor is the last one's time and room. */
export const InvitationCursor = keysetCursor(cursorTime, cursorId)
export const InvitationsQuery = Type.Object(pageQuery(InvitationCursor.schema), { additionalProperties: false })

const Person = Type.Object({ userId: Uuid, displayName: DisplayName })

export const ReceivedInvitation = Type.Object({
  room: RoomSummary,
  invitedBy: Person,
  invitedAt: DateTime,
})
export const ReceivedInvitations = Page(ReceivedInvitation)

export const PresenceBody = Type.Union([
  Type.Object(
    {
      away: Type.Optional(
        Type.Boolean({ description: 'true: I stepped away (the page is hidden); omitted or false: I am back' }),
      ),
    },
    { additionalProperties: false },
  ),
  Type.Null(),
])

/** A gateway's report of the users with a live stream open on it (internal). */
export const PresenceReport = Type.Object(
  { userIds: Type.Array(Uuid, { minItems: 1, maxItems: 5000, description: 'repeats are allowed' }) },
  { additionalProperties: false },
)
export const PresenceSeen = Type.Object({
  seen: Type.Integer({ minimum: 0, description: 'participants among them, seen now (users in no room are ignored)' }),
})

export const JoinByLinkBody = Type.Object(
  { token: Type.String({ pattern: publicTokenPattern }) },
  { additionalProperties: false },
)

export const InviteLinkBody = Type.Union([
  Type.Object(
    { expiresInHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 720, description: 'default 168 (a week)' })) },
    { additionalProperties: false },
  ),
  Type.Null(),
])

export const InviteLink = Type.Object({
  id: Uuid,
  expiresAt: DateTime,
  revokedAt: Nullable(DateTime),
  createdAt: DateTime,
  status: Type.Union([Type.Literal('active'), Type.Literal('revoked'), Type.Literal('expired')]),
})
export const CreatedInviteLink = Type.Object({
  id: Uuid,
  token: Type.String({ description: 'Shown once; only its hash is kept' }),
  expiresAt: DateTime,
  createdAt: DateTime,
})
export const InviteLinksQuery = Type.Object(PageQuery, { additionalProperties: false })
export const InviteLinks = Page(InviteLink)

const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 })

export const InviteBody = Type.Object(
  {
    userIds: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: 50 })),
    emails: Type.Optional(Type.Array(Email, { minItems: 1, maxItems: 50 })),
  },
  {
    additionalProperties: false,
    minProperties: 1,
    description: 'userIds and emails: 1 to 50 people in all (more than 50 together: 422 `too-many-invitees`)',
  },
)
export type InviteBody = Static<typeof InviteBody>

export const SentInvitation = Type.Object({
  userId: Uuid,
  displayName: DisplayName,
  invitedBy: Uuid,
  invitedAt: DateTime,
})
export const SentInvitations = Type.Object({ items: Type.Array(SentInvitation) })
