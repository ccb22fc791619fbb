import { useRef } from 'react'
import { useLocation } from 'wouter'
import { formMessage } from '../api/problem.ts'
import { FormMessage } from '../ui/field.tsx'
import { isStale, useDeleteTask } from './task-detail-queries.ts'
import type { Task } from './task-queries.ts'

/** Deletes the task, with its subtasks, once confirmed in a modal dialog; then shows where it was. */
export function DeleteTask({ task }: { task: Task }) {
  const remove = useDeleteTask(task)
  const dialog = useRef<HTMLDialogElement>(null)
  const [, navigate] = useLocation()
  const message = isStale(remove.error)
    ? 'This task was changed elsewhere, so it has been reloaded. Check it before deleting it.'
    : formMessage(remove.error)
  const confirm = () =>
    remove.mutate(undefined, {
      onSuccess: () => navigate(task.parentId ? `/tasks/${task.parentId}` : `/projects/${task.projectId}`),
      onError: () => dialog.current?.close(),
    })
  return (
    <section className="delete-task" aria-label="Delete">
      <FormMessage message={message} />
      <button type="button" className="danger" onClick={() => dialog.current?.showModal()}>
        Delete task…
      </button>
      <dialog ref={dialog} aria-labelledby="delete-heading" className="confirm">
        <h2 id="delete-heading">Delete “{task.title}”?</h2>
        <p>Its subtasks are deleted with it. This cannot be undone.</p>
        <div className="confirm-actions">
          <button type="button" className="primary" disabled={remove.isPending} onClick={confirm}>
            Delete
          </button>
          <button type="button" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
        </div>
      </dialog>
    </section>
  )
}
