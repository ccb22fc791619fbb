import type { ConsumedEvent } from '@focushub/shared/events'
import type { NotificationKind, NotificationLinks } from './notifications.schemas.ts'

/** One notification an event asks for: whom it tells, what, and the trigger that makes it once. */
export interface NotificationDraft {
  userId: string
  kind: NotificationKind
  /** `<kind>:<source id>`: unique per user, so the same trigger told again is told once. */
  triggerKey: string
  title: string
  body: string
  data: NotificationLinks
  /** The request that caused it, carried into notification.created. */
  requestId: string
}

const plural = (count: number, one: string) => `${count} ${one}${count === 1 ? '' : 's'}`

export function achievementUnlocked(event: ConsumedEvent<'habit.achievement.unlocked'>): NotificationDraft {
  const { achievementId, name, points, totalPoints, level } = event.data
  return {
    userId: event.userId,
    kind: 'achievement_unlocked',
    triggerKey: `achievement:${achievementId}`,
    title: `Achievement unlocked: ${name}`,
    body: `+${plural(points, 'point')}. You now have ${plural(totalPoints, 'point')} and are at level ${level}.`,
    data: { achievementId },
    requestId: event.requestId,
  }
}

/** Once per local day: a day withdrawn and reached again is not told twice. */
export function dailyGoalReached(event: ConsumedEvent<'focus.daily_goal.achieved'>): NotificationDraft {
  const { localDate, goalMinutes, focusedMinutes } = event.data
  return {
    userId: event.userId,
    kind: 'daily_goal_reached',
    triggerKey: `daily-goal:${localDate}`,
    title: 'Daily focus goal reached',
    body: `You focused ${plural(focusedMinutes, 'minute')} on ${localDate}, reaching your goal of ${plural(goalMinutes, 'minute')}.`,
    data: { localDate },
    requestId: event.requestId,
  }
}

/** One per recipient; the event names no owner's name, so the text stays generic and links the owner's id. */
export function sessionShared(event: ConsumedEvent<'focus.session.shared'>): NotificationDraft[] {
  const { sessionId, recipientIds } = event.data
  return recipientIds.map((userId) => ({
    userId,
    kind: 'focus_session_shared',
    triggerKey: `session-shared:${sessionId}`,
    title: 'A focus session was shared with you',
    body: 'Someone shared a focus session with you. It is under Focus, "Shared with me".',
    data: { sessionId, sharedBy: event.userId },
    requestId: event.requestId,
  }))
}

/** A webhook FocusHub turned off after one of its deliveries failed for the whole retry window. */
export function webhookDisabled(webhook: {
  userId: string
  webhookId: string
  url: string
  deliveryId: string
}): NotificationDraft {
  return {
    userId: webhook.userId,
    kind: 'webhook_disabled',
    triggerKey: `webhook_disabled:${webhook.deliveryId}`,
    title: 'A webhook was turned off',
    body: `Deliveries to ${webhook.url} kept failing for a day, so FocusHub turned the webhook off. Fix the receiver, then turn it on again and replay what it missed under Settings, Webhooks.`,
    data: { webhookId: webhook.webhookId },
    requestId: '',
  }
}

/** An export of the account, built and ready to download until it expires. */
export function exportReady(ready: { userId: string; exportId: string; expiresAt: Date }): NotificationDraft {
  return {
    userId: ready.userId,
    kind: 'export_ready',
    triggerKey: `export_ready:${ready.exportId}`,
    title: 'Your export is ready',
    body: `The export of your FocusHub account is ready. Download it under Settings, Export, before ${ready.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, when it is deleted.`,
    data: { exportId: ready.exportId },
    requestId: '',
  }
}

export function invitationReceived(event: ConsumedEvent<'project.invitation_received'>): NotificationDraft {
  const { invitationId, projectId, projectName, role, invitedBy } = event.data
  return {
    userId: event.userId,
    kind: 'project_invitation',
    triggerKey: `invitation:${invitationId}`,
    title: `Invitation to ${projectName}`,
    body: `You are invited to join the project "${projectName}" as ${role === 'editor' ? 'an editor' : 'a viewer'}. Accept or decline it under Invitations.`,
    data: { projectId, invitationId, invitedBy },
    requestId: event.requestId,
  }
}
