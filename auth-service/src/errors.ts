import { errorCatalogue } from '@focushub/shared/errors'

/**
 * Every failure of auth-service beyond the shared ones (validation-failed, unauthorized, forbidden,
 * not-found, precondition-failed, too-many-requests, service-unavailable): one code each, declared
 * here once. The README's error catalogue lists them.
 */
export const authErrors = errorCatalogue({
  'invalid-credentials': { status: 401, meaning: 'The e-mail or password is not correct (the same answer for both)' },
  'invalid-refresh-token': { status: 401, meaning: 'The refresh token is unknown, expired or revoked: sign in again' },
  'refresh-token-reused': { status: 401, meaning: 'A spent refresh token came back: its whole sign-in is revoked' },
  'invalid-personal-access-token': {
    status: 401,
    meaning: 'The personal access token is unknown, expired or revoked, or its account may not sign in',
  },
  'wrong-password': { status: 403, meaning: 'The current password given to confirm a change is not correct' },
  'account-suspended': { status: 403, meaning: 'The account is suspended by an administrator' },
  'account-deactivated': { status: 403, meaning: 'The account is deactivated' },
  'email-taken': { status: 409, meaning: 'An account with this e-mail already exists' },
  'refresh-in-progress': { status: 409, meaning: 'Another request rotated this refresh token a moment ago' },
  'last-active-admin': { status: 409, meaning: 'The change would leave no active admin' },
  'token-limit-reached': { status: 409, meaning: 'The account has its most live personal access tokens: revoke one' },
  'user-deleted': { status: 409, meaning: 'An admin change names an account that was deleted' },
  'nothing-to-change': { status: 422, meaning: 'A change request names no field to change' },
  'field-not-acceptable': { status: 422, meaning: 'A field is well formed but not acceptable (`errors` names it)' },
  'account-locked': { status: 429, meaning: 'Too many failed sign-ins for the account: wait `Retry-After`' },
  'sign-in-delayed': { status: 429, meaning: 'A failed sign-in must be followed by a pause: wait `Retry-After`' },
})

export type AuthErrorCode = keyof typeof authErrors.definitions

export const authError = authErrors.error
