import { errorCatalogue } from '@focushub/shared/errors'

/**
 * Every failure of habit-service beyond the shared ones (validation-failed, unauthorized, forbidden,
 * not-found, precondition-failed …): one code each, declared here once. The README's error catalogue
 * lists them.
 */
export const habitErrors = errorCatalogue({
  'habit-archived': { status: 409, meaning: 'The habit is archived: restore it to check in' },
  'import-file-invalid': {
    status: 400,
    meaning:
      "The file is not Loop Habit Tracker's CSV export (a ZIP with Habits.csv) or a FocusHub export; `detail` says why",
  },
  'import-too-large': { status: 400, meaning: 'An import writes at most 50,000 check-ins' },
  'habit-fields-inconsistent': { status: 422, meaning: "The habit's kind and target do not fit (`errors` says how)" },
  'start-date-out-of-range': { status: 422, meaning: 'The start date is too far before or after today' },
  'check-in-kind-mismatch': { status: 422, meaning: 'A yes/no habit takes a status, a measurable one a value' },
  'day-not-begun': { status: 422, meaning: 'The local day checked in has not begun yet' },
  'outside-backfill-window': { status: 422, meaning: 'The day is before the check-in backfill window' },
  'before-habit-start': { status: 422, meaning: 'The habit had not started on that day' },
})

export type HabitErrorCode = keyof typeof habitErrors.definitions

export const habitError = habitErrors.error
