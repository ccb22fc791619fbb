import type { FieldError } from '@focushub/shared/errors'

export const minPasswordCharacters = 8
/** bcrypt reads at most 72 bytes: longer passwords are refused, never silently truncated. */
export const maxPasswordBytes = 72

/** Passwords are compared in NFC, so the same characters typed on any keyboard match. */
export const normalizePassword = (password: string) => password.normalize('NFC')

/** What is wrong with a new password, as field errors (empty when it is acceptable). */
export function passwordProblems(password: string, field: string): FieldError[] {
  const normalized = normalizePassword(password)
  if ([...normalized].length < minPasswordCharacters) {
    return [{ field, message: `must have at least ${minPasswordCharacters} characters` }]
  }
  if (Buffer.byteLength(normalized, 'utf8') > maxPasswordBytes) {
    return [{ field, message: `must be at most ${maxPasswordBytes} bytes in UTF-8` }]
  }
  if (normalized.includes('\u0000')) return [{ field, message: 'must not contain NUL characters' }]
  return []
}

/** A password presented to sign in that no stored hash can match exactly (bcrypt would truncate it). */
export const unverifiablePassword = (password: string) =>
  Buffer.byteLength(normalizePassword(password), 'utf8') > maxPasswordBytes || password.includes('\u0000')
