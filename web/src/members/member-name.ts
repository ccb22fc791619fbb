import type { Member } from './members-queries.ts'

/**
 * How a member is named: the API lists members by user id alone (no name or e-mail), so another
 * member shows as the end of their id, enough to tell members apart; the caller is "You".
 */
export const memberName = (member: Member, userId: string) =>
  member.userId === userId ? 'You' : `Member …${member.userId.slice(-8)}`

export const roleNames = { owner: 'Owner', editor: 'Editor', viewer: 'Viewer' } as const
