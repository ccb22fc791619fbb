import { errorCatalogue } from '@focushub/shared/errors'

/**
 * Every failure of notification-service beyond the shared ones (validation-failed, unauthorized,
 * not-found …): one code each, declared here once. The README's error catalogue lists them.
 */
export const notificationErrors = errorCatalogue({
  'unsubscribe-link-invalid': {
    status: 400,
    meaning: 'The unsubscribe link is not one FocusHub made (or was cut short)',
  },
  'webhook-limit-reached': {
    status: 409,
    meaning: 'The account has as many webhooks as it may (20): delete one first',
  },
  'webhook-disabled': {
    status: 409,
    meaning: 'The webhook is off: turn it on before sending to it',
  },
  'export-in-progress': {
    status: 409,
    meaning: 'An export of the account is being built: wait for it before asking for another',
  },
  'export-not-ready': {
    status: 409,
    meaning: 'The export is still being built, or failed: there is nothing to download',
  },
  'unsubscribe-link-expired': {
    status: 410,
    meaning: 'The unsubscribe link is too old: use a newer e-mail or the settings',
  },
})

export type NotificationErrorCode = keyof typeof notificationErrors.definitions

export const notificationError = notificationErrors.error
