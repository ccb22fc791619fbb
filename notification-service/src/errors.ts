import { errorCatalogue } from '@focushub/shared/errors'

/**
 * Every failure of notification-service beyond the shared ones (validation-failed, unauthorized,
 * not-found …): one code each, declared here once. The README's error catalogue lists them; the inbox
 * needs none of its own yet.
 */
export const notificationErrors = errorCatalogue({})

export type NotificationErrorCode = keyof typeof notificationErrors.definitions

export const notificationError = notificationErrors.error
