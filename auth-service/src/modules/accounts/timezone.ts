import { getTimezone } from 'countries-and-timezones'

/** The shape of an IANA name (`Area/Location[/Sub]`), also stated in the request schemas. */
export const ianaNamePattern = '^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+){0,2}$'
const ianaName = new RegExp(ianaNamePattern)

/**
 * The current IANA name of a time zone Intl knows (`UTC`, `Europe/Berlin`, `Asia/Kolkata` …), or
 * undefined. Intl resolves a name to ICU's canonical id, which keeps legacy spellings
 * (`Asia/Kolkata` → `Asia/Calcutta`, `Europe/Kyiv` → `Europe/Kiev`); the tz database's own links say
 * which name is current now. `UTC` stays `UTC`, the name everyone sends.
 */
export function canonicalTimezone(name: string): string | undefined {
  if (!ianaName.test(name)) return undefined
  let resolved: string
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone
  } catch {
    return undefined
  }
  if (resolved === 'UTC') return resolved
  return getTimezone(resolved)?.aliasOf ?? resolved
}
