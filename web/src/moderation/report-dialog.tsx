import { type FormEvent, useEffect, useId, useRef, useState } from 'react'
import { fieldMessage } from '../api/problem.ts'
import { Field, FormMessage } from '../ui/field.tsx'
import { type ReportTarget, useFileReport } from './moderation-queries.ts'
import {
  maxReportDetails,
  type ReportReason,
  reportedText,
  reportReasons,
  reportRefusal,
  targetNoun,
} from './moderation-text.ts'
import './moderation.css'

/**
 * "Report" on a post, comment, message or person of someone else: opens the report dialog. `label`
 * names what it reports ("Report post by Ada"), as one screen has many.
 */
export function ReportButton({ target, label, excerpt }: { target: ReportTarget; label: string; excerpt?: string }) {
  const [open, setOpen] = useState(false)
  return (
    <>
      <button type="button" className="quiet" aria-label={label} aria-haspopup="dialog" onClick={() => setOpen(true)}>
        Report
      </button>
      {open && <ReportDialog target={target} excerpt={excerpt} onClose={() => setOpen(false)} />}
    </>
  )
}

/**
 * Reports something to the moderators in a modal dialog (Escape cancels): a reason, optional details
 * with their count, then a plain confirmation. A refusal (my own, gone, too many today) is said in
 * words and the dialog stays, what was typed kept.
 */
export function ReportDialog({
  target,
  excerpt,
  onClose,
}: {
  target: ReportTarget
  /** The text reported, shown so the reporter sees what they report. */
  excerpt?: string
  onClose: () => void
}) {
  const dialog = useRef<HTMLDialogElement>(null)
  const headingId = useId()
  const [reason, setReason] = useState<ReportReason | ''>('')
  const [details, setDetails] = useState('')
  const [reasonMissing, setReasonMissing] = useState(false)
  const file = useFileReport()
  const noun = targetNoun(target.type)
  useEffect(() => {
    if (!dialog.current?.open) dialog.current?.showModal()
  }, [])
  const submit = (event: FormEvent) => {
    event.preventDefault()
    setReasonMissing(reason === '')
    if (reason === '') return
    file.mutate({ target, reason, ...(details.trim() ? { details: details.trim() } : {}) })
  }
  return (
    <dialog ref={dialog} className="confirm report-dialog" aria-labelledby={headingId} onClose={onClose}>
      {file.isSuccess ? (
        <div className="report-sent">
          <h3 id={headingId}>{`Report this ${noun}`}</h3>
          <p role="status">{reportedText(file.data.again)}</p>
          <p className="muted">Nobody else is told who reported it.</p>
          <div className="confirm-actions">
            {/* biome-ignore lint/a11y/noAutofocus: the form it replaces had the focus */}
            <button type="button" className="primary" autoFocus onClick={() => dialog.current?.close()}>
              Close
            </button>
          </div>
        </div>
      ) : (
        <form onSubmit={submit} noValidate>
          <h3 id={headingId}>{`Report this ${noun}`}</h3>
          {excerpt && <p className="report-excerpt">{excerpt}</p>}
          <p>The moderators read reports. Nobody else is told who reported.</p>
          <FormMessage message={reportRefusal(file.error, target.type)} />
          <Field label="Reason" error={reasonMissing ? 'Choose a reason.' : fieldMessage(file.error, 'reason')}>
            {(control) => (
              <select
                {...control}
                value={reason}
                onChange={(event) => {
                  setReason(event.target.value as ReportReason)
                  setReasonMissing(false)
                }}
              >
                <option value="" disabled>
                  Choose a reason
                </option>
                {reportReasons.map(({ value, label }) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Details (optional)" error={fieldMessage(file.error, 'details')}>
            {(control) => (
              <textarea
                {...control}
                rows={3}
                maxLength={maxReportDetails}
                value={details}
                onChange={(event) => setDetails(event.target.value)}
              />
            )}
          </Field>
          <p className="muted report-count">{`${details.length} / ${maxReportDetails}`}</p>
          <div className="confirm-actions">
            <button type="button" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={file.isPending}>
              Send report
            </button>
          </div>
        </form>
      )}
    </dialog>
  )
}
