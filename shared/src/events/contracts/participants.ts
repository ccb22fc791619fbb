import type { EventType, Topic } from './index.ts'

/** The service that publishes each topic. */
export const producers: Record<Topic, string> = {
  'focushub.auth.events': 'auth-service',
  'focushub.task.events': 'task-service',
  'focushub.focus.events': 'focus-service',
  'focushub.habit.events': 'habit-service',
  'focushub.notification.events': 'notification-service',
  'focushub.social.events': 'social-service',
}

/** Who handles each event type (consumer group, and what it does). */
export const consumers: Partial<Record<EventType, string[]>> = {
  'auth.user.registered': [
    'task-service (group `task-service`): keeps the timezone and creates the Inbox project',
    'focus-service (group `focus-service`): keeps the timezone, dayStartHour and default settings',
    'habit-service (group `habit-service`): keeps the timezone and dayStartHour',
    'notification-service (group `notification-service`): keeps the timezone and dayStartHour',
    'social-service (group `social-service`): keeps the display name and makes the social profile',
  ],
  'auth.user.profile_updated': [
    'task-service, focus-service, habit-service, notification-service: keep the new timezone and dayStartHour for days not yet written',
    'social-service: keeps the new display name (people search)',
  ],
  'auth.user.status_changed': [
    'gateway (group `gateway`): refuses a suspended or deactivated user, allows an active one',
    'task-service, focus-service, habit-service, notification-service, social-service: the same, for tokens presented to them directly',
    'notification-service: creates no notification for a suspended or deactivated account',
  ],
  'auth.user.deleted': [
    'task-service, focus-service, habit-service, notification-service, social-service: erase the user’s data; refuse the account’s unexpired access tokens (401) for an hour',
    'gateway (group `gateway`): refuses the account’s unexpired access tokens (401) for an hour',
  ],
  'auth.user.sessions_revoked': [
    'gateway (group `gateway`), task-service, focus-service, habit-service, notification-service, social-service: refuse the access tokens of those sessions (401 `session-revoked`) until `accessTokensExpireBy`',
  ],
  'focus.session.completed': [
    'task-service: adds the focused minutes and pomodoros to the session’s task, once',
    'habit-service: checks in habits linked to focus; achievement progress',
  ],
  'focus.session.edited': ['habit-service: moves the focus-minute achievement progress by the change'],
  'focus.session.deleted': ['habit-service: takes the session and its minutes off the achievement progress'],
  'focus.daily_goal.achieved': [
    'habit-service: goal streak achievements, perfect day, reward points',
    'notification-service: tells the user, once per local day',
  ],
  'focus.session.shared': ['notification-service: tells each recipient, once per session'],
  'focus.daily_goal.revoked': [
    'habit-service: withdraws the goal day: its reward points, goal-day count, goal streak and perfect day',
  ],
  'task.created': ['notification-service: arms the default reminder of the assignee (settings)'],
  'task.updated': [
    'notification-service: moves the task’s reminders with its due, cancels or re-arms them with its status',
  ],
  'task.completed': [
    'habit-service: task achievements',
    'notification-service: cancels the task’s reminders (those of the next occurrence come by task.reminders_set)',
  ],
  'task.deleted': [
    'notification-service: cancels the task’s reminders',
    'task-service (group `task-service`): removes the task’s attachments (objects and rows), once',
  ],
  'task.reminders_set': ['notification-service: arms, moves or cancels the user’s reminders for the task'],
  'task.attachment.added': ['task-service (group `task-service`): makes an image’s WebP thumbnail, once'],
  'project.invitation_received': ['notification-service: tells the invitee, once per invitation'],
  'habit.checked_in': [
    'social-service: posts a 7, 30, 100 or 365-day streak to friends, once, for a user who turned milestone posts on',
  ],
  'habit.achievement.unlocked': [
    'notification-service: tells the user, once per achievement',
    'social-service: posts it to friends, once, for a user who turned milestone posts on',
  ],
  'notification.created': ['gateway (group `gateway-live`): pushes it to the recipient’s open streams'],
  'notification.updated': ['gateway (group `gateway-live`): pushes it to the recipient’s open streams'],
  'notification.read': ['gateway (group `gateway-live`): pushes it to the user’s open streams (other tabs’ counts)'],
  'notification.all_read': ['gateway (group `gateway-live`): pushes it to the user’s open streams'],
  'notification.deleted': ['gateway (group `gateway-live`): pushes it to the user’s open streams'],
  'social.user.followed': [
    'gateway (group `gateway-live`): pushes it to the follower’s and the followee’s open streams',
    'notification-service: tells the followee, once per follower',
  ],
  'social.friend.requested': [
    'gateway (group `gateway-live`): pushes it to the requester’s and the addressee’s open streams',
    'notification-service: tells the addressee, once per requester',
  ],
  'social.friend.accepted': [
    'gateway (group `gateway-live`): pushes it to both friends’ open streams',
    'notification-service: tells the requester, once per friend',
  ],
  'social.message.sent': [
    'notification-service: tells each member but the sender, one unread notification per conversation counting its messages',
  ],
  'social.conversation.read': [
    'notification-service: keeps the reader’s read position; marks their unread direct_message notification of the conversation read when the read covers its latest message',
  ],
}
