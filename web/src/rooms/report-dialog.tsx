import { type FormEvent, useEffect, useRef, useState } from 'react'
import { fieldMessage, formMessage } from '../api/problem.ts'
import { FormMessage, TextField } from '../ui/field.tsx'
import { type Message, useReport } from './room-queries.ts'

/** Reports the room, or one message of it, to the admins, in a modal dialog (Escape cancels). */
export function ReportDialog({
  roomId,
  message,
  onClose,
  onReported,
}: {
  roomId: string
  /** The message reported; none: the room. */
  message?: Message
  onClose: () => void
  onReported: () => void
}) {
  const dialog = useRef<HTMLDialogElement>(null)
  const [reason, setReason] = useState('')
  const report = useReport(roomId)
  useEffect(() => {
    if (!dialog.current?.open) dialog.current?.showModal()
  }, [])
  const submit = (event: FormEvent) => {
    event.preventDefault()
    report.mutate(
      { reason: reason.trim(), ...(message ? { messageId: message.id } : {}) },
      {
        onSuccess: () => {
          onReported()
          dialog.current?.close()
        },
      },
    )
  }
  return (
    <dialog ref={dialog} className="confirm" aria-labelledby="report-heading" onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <h3 id="report-heading">{message ? 'Report this message' : 'Report this room'}</h3>
        {message && <p className="chat-body reported">{message.body}</p>}
        <p>The admins read reports; the room is not told who sent one.</p>
        <FormMessage message={formMessage(report.error)} />
        <TextField
          label="Reason"
          maxLength={500}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          error={fieldMessage(report.error, 'reason')}
        />
        <div className="confirm-actions">
          <button type="button" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={report.isPending}>
            Send report
          </button>
        </div>
      </form>
    </dialog>
  )
}
