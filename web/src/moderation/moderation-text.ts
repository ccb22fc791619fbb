// What moderation says and decides without the API: the reasons to report, who moderates, why a report
// or a resolution was refused, a case and its outcome in words, a suspension and a hidden thing said
// to the person it is about, and which live events change where I stand.
import { formMessage, ProblemError } from '../api/problem.ts'
import { personName } from '../ui/person-name.ts'

/** social-service's limits (its README's "Moderation"): the API refuses past them. */
export const maxReportDetails = 1000
export const maxShownReason = 500
export const maxSuspendDays = 365

export type ReportReason = 'spam' | 'harassment' | 'hate' | 'violence' | 'sexual' | 'self-harm' | 'other'
export type TargetType = 'post' | 'comment' | 'message' | 'user'

/** The reasons as the report dialog offers them and a case counts them. */
export const reportReasons: { value: ReportReason; label: string }[] = [
  { value: 'spam', label: 'Spam' },
  { value: 'harassment', label: 'Harassment or bullying' },
  { value: 'hate', label: 'Hate speech' },
  { value: 'violence', label: 'Violence or threats' },
  { value: 'sexual', label: 'Sexual content' },
  { value: 'self-harm', label: 'Self-harm' },
  { value: 'other', label: 'Something else' },
]

export const reasonLabel = (reason: string) => reportReasons.find(({ value }) => value === reason)?.label ?? reason

/** "Spam (2), Hate speech (1)": a case's reasons, as counted. */
export const reasonsText = (reasons: { reason: string; count: number }[]) =>
  reasons.map(({ reason, count }) => `${reasonLabel(reason)} (${count})`).join(', ')

export const reportsText = (count: number) => (count === 1 ? '1 report' : `${count} reports`)

const nouns: Record<TargetType, string> = { post: 'post', comment: 'comment', message: 'message', user: 'person' }
export const targetNoun = (type: TargetType) => nouns[type]

/** The roles whose tokens the moderation routes take (the nav's link shows for them only). */
export const canModerate = (role: string) => role === 'moderator' || role === 'admin'

/** A case as the queue names it: "Post by Ada", or "Ada" for a case about a person. */
export function caseTitle(item: {
  target: { type: TargetType }
  subject: { userId: string; displayName: string | null; handle: string | null }
}) {
  const name = personName(item.subject.displayName, item.subject.userId, 'Someone')
  const named = item.subject.handle ? `${name} (@${item.subject.handle})` : name
  if (item.target.type === 'user') return `Person: ${named}`
  return `${item.target.type === 'post' ? 'Post' : item.target.type === 'comment' ? 'Comment' : 'Message'} by ${named}`
}

/** "2 minutes", "1 hour", "3 hours": how long until a daily quota has room again. */
export function waitText(seconds: number) {
  const minutes = Math.max(1, Math.ceil(seconds / 60))
  if (minutes < 60) return minutes === 1 ? '1 minute' : `${minutes} minutes`
  const hours = Math.ceil(minutes / 60)
  return hours === 1 ? '1 hour' : `${hours} hours`
}

/** Why a report was not sent, said plainly; undefined when the API's message names a field. */
export function reportRefusal(error: unknown, type: TargetType) {
  if (!(error instanceof ProblemError)) return formMessage(error)
  const { status, code } = error.problem
  if (code === 'report-self')
    return type === 'user' ? 'You cannot report yourself.' : `You cannot report a ${targetNoun(type)} you wrote.`
  if (code === 'report-rate-limited')
    return `You have sent as many reports as a day allows. Try again in ${waitText(error.retryAfter ?? 3600)}.`
  if (status === 404) return `This ${targetNoun(type)} is no longer there for you to report.`
  return formMessage(error)
}

/** What the report dialog says once sent: new, or the same report of mine still open (200). */
export const reportedText = (again: boolean) =>
  again ? 'You reported this already. A moderator will look at it.' : 'Reported. A moderator will look at it.'

/** `until` said to the person suspended, by `when` (the screen's date format). */
export const suspendedText = (when: string) => `You are suspended from social features until ${when}.`

export const suspensionInForce = (suspension: { until: string } | null | undefined, now: number) =>
  suspension != null && Date.parse(suspension.until) > now

/**
 * A refused social write said plainly: 403 `social-suspended` names its end (`until`), anything else
 * is the form's message as usual.
 */
export function socialWriteMessage(error: unknown, when: (instant: string) => string) {
  if (error instanceof ProblemError && error.problem.code === 'social-suspended') {
    const until = typeof error.problem.until === 'string' ? error.problem.until : undefined
    const ends = until ? suspendedText(when(until)) : 'You are suspended from social features.'
    return `${ends} Until then you cannot post, comment, like, send messages, follow or ask to be friends.`
  }
  return formMessage(error)
}

/** On a post, comment or message of mine a moderator hid. */
export const hiddenText = (reason: string | null | undefined) =>
  reason ? `Hidden by a moderator: ${reason}` : 'Hidden by a moderator'

/** How a case ended: "Dismissed", or what was done ("Hidden, warned, suspended until …"). */
export function resolutionText(
  resolution: { decision: 'dismiss' | 'act'; hide: boolean; warn: boolean; suspendedUntil: string | null },
  when: (instant: string) => string,
) {
  if (resolution.decision === 'dismiss') return 'Dismissed'
  const done = [
    resolution.hide ? 'hidden' : undefined,
    resolution.warn ? 'warned' : undefined,
    resolution.suspendedUntil ? `suspended until ${when(resolution.suspendedUntil)}` : undefined,
  ].filter(Boolean)
  const text = done.join(', ')
  return text.charAt(0).toUpperCase() + text.slice(1)
}

const logActions: Record<string, string> = {
  dismiss: 'Dismissed a case',
  hide: 'Hid content',
  warn: 'Warned',
  suspend: 'Suspended',
  lift_suspension: 'Lifted a suspension',
}
export const logActionText = (action: string) => logActions[action] ?? action

/** What the resolve form sends, as typed. */
export interface ResolveInput {
  decision: 'dismiss' | 'act'
  hide: boolean
  warn: boolean
  /** Empty: no suspension. */
  suspendDays: string
  reason: string
  note: string
}

export type Resolution =
  | { decision: 'dismiss'; note?: string }
  | { decision: 'act'; hide: boolean; warn: boolean; suspendDays: number | null; reason: string }

/**
 * The resolution to send, or what to say under which field (the API's own rules, checked before
 * sending): acting needs hide, warn or a suspension, a reason the subject reads, and 1–365 days.
 */
export function checkResolution(
  input: ResolveInput,
  type: TargetType,
): { resolution: Resolution } | { field: 'action' | 'suspendDays' | 'reason'; error: string } {
  if (input.decision === 'dismiss') {
    const note = input.note.trim()
    return { resolution: { decision: 'dismiss', ...(note ? { note } : {}) } }
  }
  const hide = input.hide && type !== 'user'
  const typedDays = input.suspendDays.trim()
  const days = typedDays === '' ? null : Number(typedDays)
  if (days !== null && !(Number.isInteger(days) && days >= 1 && days <= maxSuspendDays))
    return { field: 'suspendDays', error: `Suspend for a whole number of days from 1 to ${maxSuspendDays}.` }
  if (!hide && !input.warn && days === null)
    return { field: 'action', error: 'Choose at least one: hide, warn or suspend.' }
  const reason = input.reason.trim()
  if (!reason) return { field: 'reason', error: 'Say why: the author reads this.' }
  return { resolution: { decision: 'act', hide, warn: input.warn, suspendDays: days, reason } }
}

/** Why a resolution was refused, said plainly (the API checks what the form could not). */
export function resolveRefusal(error: unknown) {
  if (!(error instanceof ProblemError)) return formMessage(error)
  switch (error.problem.code) {
    case 'case-closed':
      return 'This case was resolved already, perhaps by another moderator: it now shows how.'
    case 'moderate-self':
      return 'This case is about you: another moderator has to resolve it.'
    case 'nothing-to-hide':
      return 'A case about a person has no content to hide: warn or suspend instead.'
    case 'no-action':
      return 'Choose at least one: hide, warn or suspend.'
    default:
      return formMessage(error)
  }
}

/** The live events that change where I stand (a hide, a warning, a suspension of mine). */
export const changesStanding = (type: string) => type.startsWith('social.moderation.')

/** An instant as moderation screens say it ("7 Dec 2026, 10:30"), in the browser's language and zone. */
export const when = (instant: string) =>
  new Date(instant).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
