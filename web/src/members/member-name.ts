import { personName } from '../ui/person-name.ts'
import type { Member } from './members-queries.ts'

/**
 * How a member is named: the caller is "You", another member their display name, or the end of
 * their id while task-service has not yet heard of their profile.
 */
export const memberName = (member: Member, userId: string) =>
  member.userId === userId ? 'You' : personName(member.displayName, member.userId, 'Member')

export const roleNames = { owner: 'Owner', editor: 'Editor', viewer: 'Viewer' } as const
