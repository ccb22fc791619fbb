import { errorCatalogue } from '@focushub/shared/errors'

/**
 * Every failure of task-service beyond the shared ones (validation-failed, unauthorized, not-found,
 * precondition-failed, too-many-requests …): one code each, declared here once. The README's error
 * catalogue lists them.
 */
export const taskErrors = errorCatalogue({
  'project-role-insufficient': { status: 403, meaning: 'Your role in the project may not do this' },
  'inbox-protected': { status: 409, meaning: 'The Inbox cannot be archived, deleted or shared' },
  'import-file-invalid': {
    status: 400,
    meaning:
      'The file is not a Todoist CSV (TYPE and CONTENT columns), a ZIP of them, or a FocusHub export; `detail` says why',
  },
  'import-too-large': { status: 400, meaning: 'An import makes at most 2,000 tasks: split the file' },
  'project-archived': { status: 409, meaning: "An archived project's tasks cannot change: unarchive it first" },
  'owner-role-fixed': { status: 409, meaning: "The owner's role cannot change" },
  'owner-cannot-leave': { status: 409, meaning: 'The owner cannot leave or be removed: delete the project instead' },
  'too-many-open-invitations': { status: 409, meaning: 'The project has its maximum of open invitations' },
  'label-name-taken': { status: 409, meaning: 'You already have a label with this name' },
  'too-many-attachments': { status: 409, meaning: 'The task has its maximum of attachments (pending uploads count)' },
  'attachment-quota-exceeded': {
    status: 409,
    meaning: 'Your attachments (pending uploads included) would exceed your storage quota',
  },
  'attachment-not-uploaded': { status: 409, meaning: 'The file has not been uploaded to its upload URL yet' },
  'attachment-too-large': { status: 413, meaning: 'The file is larger than attachments may be' },
  'attachment-type-not-allowed': { status: 415, meaning: 'Files of this type cannot be attached' },
  'not-a-project-member': { status: 422, meaning: 'A user named (e.g. the assignee) is not a member of the project' },
  'unknown-label': { status: 422, meaning: 'A label named is not one of yours' },
  'parent-in-other-project': { status: 422, meaning: 'The parent task is in another project' },
  'recurrence-invalid': { status: 422, meaning: 'The recurrence rule is not acceptable (`errors` says why)' },
  'recurrence-needs-due-date': { status: 422, meaning: 'A recurring task needs a due date' },
  'reminder-needs-due-date': { status: 422, meaning: 'A reminder before the due needs the task to have a due date' },
  'attachment-size-mismatch': {
    status: 422,
    meaning: 'The uploaded file is not the size announced: the upload is discarded',
  },
  'attachment-content-mismatch': {
    status: 422,
    meaning: 'The uploaded file is not of the type announced: the upload is discarded',
  },
})

export type TaskErrorCode = keyof typeof taskErrors.definitions

export const taskError = taskErrors.error
