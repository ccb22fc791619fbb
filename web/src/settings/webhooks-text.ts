// Webhooks said as the Settings screen says them: the event types' names in their groups, which a
// project's webhook takes, a webhook's name, and a delivery's state, answer and attempts.
import type { Delivery, DeliveryDetail, Webhook, WebhookEventType } from './webhooks-queries.ts'

/** Every event type a webhook takes (the API's enum), named. */
export const eventLabels: Record<WebhookEventType, string> = {
  'task.created': 'Task created',
  'task.updated': 'Task updated',
  'task.completed': 'Task completed',
  'task.deleted': 'Task deleted',
  'task.attachment.added': 'Attachment added',
  'task.attachment.removed': 'Attachment removed',
  'project.member_added': 'Member joined a project',
  'focus.session.started': 'Session started',
  'focus.session.paused': 'Session paused',
  'focus.session.resumed': 'Session resumed',
  'focus.session.completed': 'Session completed',
  'focus.session.abandoned': 'Session abandoned',
  'focus.session.edited': 'Session edited',
  'focus.session.deleted': 'Session deleted',
  'focus.daily_goal.achieved': 'Daily goal reached',
  'focus.daily_goal.revoked': 'Daily goal no longer reached',
  'habit.checked_in': 'Habit checked in',
  'habit.streak_broken': 'Streak broken',
  'habit.achievement.unlocked': 'Achievement unlocked',
}

/** The form's checkbox groups, in the order shown. */
export const eventGroups: { name: string; types: WebhookEventType[] }[] = [
  {
    name: 'Tasks',
    types: [
      'task.created',
      'task.updated',
      'task.completed',
      'task.deleted',
      'task.attachment.added',
      'task.attachment.removed',
      'project.member_added',
    ],
  },
  {
    name: 'Focus',
    types: [
      'focus.session.started',
      'focus.session.paused',
      'focus.session.resumed',
      'focus.session.completed',
      'focus.session.abandoned',
      'focus.session.edited',
      'focus.session.deleted',
      'focus.daily_goal.achieved',
      'focus.daily_goal.revoked',
    ],
  },
  { name: 'Habits', types: ['habit.checked_in', 'habit.streak_broken', 'habit.achievement.unlocked'] },
]

/** What a project's webhook may take: its project's own events (notification-service's projectEventTypes). */
export const projectEventTypes: ReadonlySet<string> = new Set<WebhookEventType>([
  'task.created',
  'task.updated',
  'task.completed',
  'task.deleted',
  'task.attachment.added',
  'task.attachment.removed',
  'project.member_added',
])

/** An event type's name; a type this app does not know (a newer API's, `webhook.ping`) as its code. */
export const eventLabel = (type: string) =>
  type === 'webhook.ping' ? 'Test' : ((eventLabels as Record<string, string | undefined>)[type] ?? type)

/** The events a webhook takes: "All events" (of a project, when it is one) or their names. */
export function eventsText(types: string[], forProject: boolean) {
  const every = forProject ? projectEventTypes.size : Object.keys(eventLabels).length
  if (new Set(types).size >= every) return forProject ? 'All project events' : 'All events'
  return types.map(eventLabel).join(', ')
}

/**
 * The API's refusal of a URL, said as a person would when it is the schema's own ("must match pattern …"):
 * what the service says of an address it will not send to (private, not https) is kept.
 */
export const urlMessage = (message: string | undefined) =>
  message && /^must match (pattern|format)/.test(message) ? 'Enter the whole URL, starting with https://' : message

/** How the list and its buttons name a webhook: what it is for, else its URL. */
export const webhookName = (webhook: Pick<Webhook, 'description' | 'url'>) => webhook.description.trim() || webhook.url

export const stateLabels: Record<Delivery['state'], string> = {
  pending: 'Pending',
  delivered: 'Delivered',
  failed: 'Failed',
}

/** An instant as "8 Dec, 09:00:05" in `timeZone` (the browser's by default). */
export const timeText = (at: string, timeZone?: string) =>
  new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(new Date(at))

/** An answer: "answered 500", or why there was none ("no answer (ECONNREFUSED)"). */
function answerText(status: number | null, error: string | null) {
  if (status !== null) return `answered ${status}`
  return error ? `no answer (${error})` : 'no answer'
}

/**
 * A delivery's last answer and what comes next: "Answered 204 in 35 ms · 1 attempt", "Answered 500 in 12
 * ms · 1 attempt · next try 8 Dec, 09:00:15", "No answer (ECONNREFUSED) after 2 ms · 9 attempts", "Not sent yet".
 */
export function deliveryText(delivery: Delivery, timeZone?: string) {
  if (delivery.attempts === 0 && delivery.lastStatus === null && !delivery.lastError) return 'Not sent yet'
  const parts = [answerText(delivery.lastStatus, delivery.lastError)]
  if (delivery.lastDurationMs !== null)
    parts[0] += ` ${delivery.lastStatus === null ? 'after' : 'in'} ${delivery.lastDurationMs} ms`
  parts.push(`${delivery.attempts} attempt${delivery.attempts === 1 ? '' : 's'}`)
  if (delivery.state === 'pending' && delivery.nextAttemptAt && delivery.attempts > 0)
    parts.push(`next try ${timeText(delivery.nextAttemptAt, timeZone)}`)
  const line = parts.join(' · ')
  return line.charAt(0).toUpperCase() + line.slice(1)
}

/** One attempt of the log: "Attempt 1 · 8 Dec, 09:00:05 · answered 500 · 12 ms". */
export const attemptText = (attempt: DeliveryDetail['attemptLog'][number], timeZone?: string) =>
  [
    `Attempt ${attempt.number}`,
    timeText(attempt.attemptedAt, timeZone),
    answerText(attempt.status, attempt.status === null ? attempt.error : null),
    `${attempt.durationMs} ms`,
  ].join(' · ')

/**
 * How soon an open delivery log reads itself again: often while a delivery is being sent or is due to be
 * tried within half a minute, else now and then (new events make new deliveries).
 */
export function refreshInterval(deliveries: Pick<Delivery, 'state' | 'nextAttemptAt'>[], now = Date.now()) {
  const soon = deliveries.some(
    (delivery) =>
      delivery.state === 'pending' && (!delivery.nextAttemptAt || Date.parse(delivery.nextAttemptAt) - now < 30_000),
  )
  return soon ? 1_500 : 5_000
}
