// Exports said as the Settings screen says them: an export's name and state, what its ZIP holds in a line,
// the section's status, and how often the list reads itself again.
import type { AccountExport } from './export-queries.ts'
import { timeText } from './webhooks-text.ts'

export const stateLabels: Record<AccountExport['state'], string> = {
  pending: 'Being prepared',
  ready: 'Ready',
  failed: 'Failed',
}

/** How the list and its buttons name an export: by when it was asked for ("Export of 8 Dec, 09:00:05"). */
export const exportName = (exported: Pick<AccountExport, 'createdAt'>, timeZone?: string) =>
  `Export of ${timeText(exported.createdAt, timeZone)}`

/** The collections the summary names first, in this order, by their file in the ZIP; the rest follow in the ZIP's order. */
const firstNamed = [
  'tasks/tasks.json',
  'tasks/projects.json',
  'habits/habits.json',
  'habits/check-ins.json',
  'focus/sessions.json',
  'social/posts.json',
  'social/messages.json',
  'notifications/notifications.json',
]

/** Collections whose file name alone would say too little ("sessions", "profile", "settings") or reads oddly unhyphenated. */
const collectionNames: Record<string, string | undefined> = {
  'habits/check-ins.json': 'check-ins',
  'focus/sessions.json': 'focus sessions',
  'focus/settings.json': 'timer settings',
  'social/profile.json': 'social profile',
  'notifications/preferences.json': 'notification settings',
}

/** A collection by its file: "check-ins" for `habits/check-ins.json`, "focus sessions" for `focus/sessions.json`. */
export const collectionName = (path: string) =>
  collectionNames[path] ??
  path
    .replace(/^.*\//, '')
    .replace(/\.json$/, '')
    .replaceAll('-', ' ')

const rank = (path: string) => {
  const index = firstNamed.indexOf(path)
  return index === -1 ? firstNamed.length : index
}

/**
 * What an export holds, in a line: its collections that have items, the usual ones first, `shown` of them,
 * then how many more ("tasks: 12, projects: 2, habits: 3, check-ins: 40 and 6 more"); "Nothing" when empty.
 */
export function contentsText(contents: AccountExport['contents'], shown = 4) {
  const held = contents.filter(({ items }) => items > 0).sort((a, b) => rank(a.path) - rank(b.path))
  if (held.length === 0) return 'Nothing'
  const named = held
    .slice(0, shown)
    .map(({ path, items }) => `${collectionName(path)}: ${items}`)
    .join(', ')
  return held.length > shown ? `${named} and ${held.length - shown} more` : named
}

/**
 * The section's live status: while one is being built, that it is; once the one asked for on this screen
 * (`requestedId`) is done, whether it can be downloaded.
 */
export function exportStatusText(exports: Pick<AccountExport, 'id' | 'state'>[], requestedId?: string) {
  if (exports.some(({ state }) => state === 'pending'))
    return 'Preparing your export, which takes a few seconds. You may leave this page: a notification says when it is ready.'
  const requested = exports.find(({ id }) => id === requestedId)
  if (requested?.state === 'ready') return 'Your export is ready to download.'
  if (requested?.state === 'failed') return 'Your export could not be prepared.'
  return ''
}

/** How soon the list reads itself again: every 2 s while an export is being built (the service's worker builds it), else never. */
export const refreshInterval = (exports: Pick<AccountExport, 'state'>[]) =>
  exports.some(({ state }) => state === 'pending') ? 2_000 : false
