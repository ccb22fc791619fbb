import type { FieldError } from '@focushub/shared/errors'
import { authError } from '../../errors.ts'
import { canonicalTimezone } from './timezone.ts'

const controlCharacters = /\p{Cc}/u

/** Trims a display name; control characters (newlines, NUL, escapes) and blank names are refused with 422. */
export function displayNameProblems(name: string, field: string): FieldError[] {
  if (name.trim().length === 0) return [{ field, message: 'must not be blank' }]
  if (controlCharacters.test(name)) return [{ field, message: 'must not contain control characters' }]
  return []
}

export function timezoneProblems(name: string, field: string): FieldError[] {
  return canonicalTimezone(name) ? [] : [{ field, message: 'is not an IANA time zone (e.g. Europe/Berlin, UTC)' }]
}

export function rejectProblems(problems: FieldError[]) {
  if (problems.length > 0)
    throw authError('field-not-acceptable', 'Some fields are not acceptable', { errors: problems })
}
