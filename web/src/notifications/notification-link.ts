import type { Notification } from './notification-queries.ts'

/**
 * Where a notification leads, from the ids its `data` holds: the task, the invitations waiting for an
 * answer (the project opens only once accepted), the sessions shared with me (a shared session is not
 * mine to open by id), the achievements, the habit, the stats of a day or a week, a conversation (direct
 * messages), people (a friend request, a friend, a follower), the webhooks or the export in Settings. Read from the ids rather than the kind,
 * so a new kind that carries one of them links without a change here.
 */
export function notificationLink({ data }: Notification): string | undefined {
  if ('taskId' in data && typeof data.taskId === 'string') return `/tasks/${data.taskId}`
  if (data.invitationId) return '/invitations'
  if (data.sessionId) return '/focus/shared'
  if (data.achievementId) return '/achievements'
  if (data.habitId) return `/habits/${data.habitId}`
  if (data.localDate || data.weekStart) return '/stats'
  if ('conversationId' in data && typeof data.conversationId === 'string') return `/messages/${data.conversationId}`
  if ('personId' in data && typeof data.personId === 'string') return '/people'
  if ('webhookId' in data && typeof data.webhookId === 'string') return '/settings#webhooks'
  if ('exportId' in data && typeof data.exportId === 'string') return '/settings#export'
  return undefined
}
