import { cursorId, cursorTime, DateTime, keysetCursor, Page, pageQuery, Uuid } from '@focushub/shared/http'
import Type from 'typebox'

/** A participant (or a banned user) of a room, by their user id. */
export const RoomUserParams = Type.Object({ id: Uuid, userId: Uuid })

export const BanBody = Type.Object({ userId: Uuid }, { additionalProperties: false })

export const Ban = Type.Object({
  userId: Uuid,
  displayName: Type.Union([Type.String(), Type.Null()], { description: 'null until focus-service learns it' }),
  bannedBy: Uuid,
  createdAt: DateTime,
})

/** Bans run newest first: where a page ended is the last ban's (created_at, user_id). */
export const BanCursor = keysetCursor(cursorTime, cursorId)

export const BansQuery = Type.Object(pageQuery(BanCursor.schema), { additionalProperties: false })
export const BansPage = Page(Ban)
