const ianaName = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/

/** The canonical IANA name of a time zone Intl knows (`UTC`, `Europe/Berlin` …), or undefined. */
export function canonicalTimezone(name: string): string | undefined {
  if (!ianaName.test(name)) return undefined
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone
  } catch {
    return undefined
  }
}
