import { DateTime, Defaulted, IfMatchHeaders, Page, pageQuery, Text, Uuid, Version } from '@focushub/shared/http'
import Type from 'typebox'
import { ConnectionsCursor } from './connections-cursor.ts'

const handlePattern = '^[A-Za-z0-9_]{3,30}$'

export const WhoMayFollow = Type.Union([Type.Literal('everyone'), Type.Literal('nobody')], {
  description: '`nobody`: follows are refused (403 `follows-closed`)',
})

export const WhoMayMessage = Type.Union([Type.Literal('everyone'), Type.Literal('friends'), Type.Literal('nobody')], {
  description: 'Who may start a direct message with me',
})

export const MilestonePosts = Type.Boolean({
  description: 'Post my milestones (a 7, 30, 100 or 365-day streak, an achievement) to my friends; off by default',
})

/** A person as others see them. */
export const Person = Type.Object({
  userId: Uuid,
  handle: Type.Union([Type.String(), Type.Null()]),
  displayName: Type.Union([Type.String(), Type.Null()], {
    description: 'Null until their profile reached this service',
  }),
})

/** My social profile; its version is the ETag. */
export const SocialProfile = Type.Object({
  ...Person.properties,
  whoMayFollow: WhoMayFollow,
  whoMayMessage: WhoMayMessage,
  milestonePosts: MilestonePosts,
  version: Version,
})

export const ProfileChanges = Type.Object(
  {
    handle: Type.Optional(
      Type.Union([Type.String({ pattern: handlePattern, description: '3–30 of a–z, A–Z, 0–9 and _' }), Type.Null()]),
    ),
    whoMayFollow: Type.Optional(WhoMayFollow),
    whoMayMessage: Type.Optional(WhoMayMessage),
    milestonePosts: Type.Optional(MilestonePosts),
    version: Type.Optional(Version),
  },
  { additionalProperties: false, minProperties: 1 },
)

export const ProfileHeaders = IfMatchHeaders

/** One entry of a list: the person, and since when (followed, asked, friends, blocked). */
export const Connection = Type.Object({ user: Person, since: DateTime })

export const ConnectionPage = Page(Connection)

export const ListQuery = Type.Object(pageQuery(ConnectionsCursor.schema), { additionalProperties: false })

export const UserParams = Type.Object({ userId: Uuid })

export const FriendRequestBody = Type.Object({ userId: Uuid }, { additionalProperties: false })

export const PeopleQuery = Type.Object(
  {
    q: Text({ minLength: 2, maxLength: 50, notBlank: true, description: 'The start of a display name or handle' }),
    limit: Defaulted(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
  },
  { additionalProperties: false },
)

export const PeopleResult = Type.Object({ items: Type.Array(Person) })
