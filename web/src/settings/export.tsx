import { useEffect, useRef, useState } from 'react'
import { formMessage } from '../api/problem.ts'
import { humanSize } from '../tasks/attachments.ts'
import { FormMessage } from '../ui/field.tsx'
import { useScrollToHash } from '../ui/use-scroll-to-hash.ts'
import { type AccountExport, useDeleteExport, useExportLink, useExports, useRequestExport } from './export-queries.ts'
import { contentsText, exportName, exportStatusText, stateLabels } from './export-text.ts'
import { timeText } from './webhooks-text.ts'

/**
 * Export: everything of the account in a ZIP of JSON and CSV, built in the background (the list reads
 * itself again meanwhile, and a notification says when it is ready), downloaded through a short-lived
 * link, deleted after 72 hours or sooner by hand. One at a time: Export my data waits for the one being built.
 */
export function ExportSection() {
  const exports = useExports()
  const request = useRequestExport()
  // The export_ready notification links to /settings#export.
  const section = useScrollToHash('#export', exports.data !== undefined || exports.isError)
  const preparing = exports.data?.some(({ state }) => state === 'pending') ?? false
  return (
    <section id="export" ref={section} aria-labelledby="export-heading">
      <h2 id="export-heading">Export</h2>
      <p>
        Download everything of your account in one ZIP: your profile, tasks, focus sessions, habits, social activity and
        notifications, each as JSON and CSV. It takes a few seconds to prepare and is deleted after 72 hours.
      </p>
      <FormMessage message={formMessage(request.error ?? exports.error)} />
      <div className="token-actions">
        <button
          type="button"
          className="primary"
          disabled={request.isPending || preparing}
          onClick={() => request.mutate()}
        >
          Export my data
        </button>
      </div>
      <p className="export-status" role="status">
        {exports.data ? exportStatusText(exports.data, request.data?.id) : ''}
      </p>
      {exports.data &&
        (exports.data.length === 0 ? (
          <p className="muted">No exports yet.</p>
        ) : (
          <ul className="export-list" aria-label="Your exports">
            {exports.data.map((exported) => (
              <ExportItem key={exported.id} exported={exported} />
            ))}
          </ul>
        ))}
    </section>
  )
}

function ExportItem({ exported }: { exported: AccountExport }) {
  const link = useExportLink()
  const remove = useDeleteExport()
  const [confirming, setConfirming] = useState(false)
  const name = exportName(exported)
  const busy = link.isPending || remove.isPending
  const reset = () => {
    link.reset()
    remove.reset()
  }
  return (
    <li className="export" aria-label={name}>
      <div className="export-head">
        <strong>
          <time dateTime={exported.createdAt}>{timeText(exported.createdAt)}</time>
        </strong>
        <span className={`export-state ${exported.state}`}>{stateLabels[exported.state]}</span>
      </div>
      <ExportDetails exported={exported} />
      <FormMessage message={formMessage(link.error ?? remove.error)} />
      {confirming ? (
        <ConfirmDelete
          busy={busy}
          onDelete={() => remove.mutate(exported.id, { onSettled: () => setConfirming(false) })}
          onKeep={() => setConfirming(false)}
        />
      ) : (
        <div className="token-actions">
          {exported.state === 'ready' && (
            <button
              type="button"
              disabled={busy}
              aria-label={`Download ${name}`}
              onClick={() => {
                reset()
                // The link answers the ZIP as an attachment: the browser downloads it and stays on this page.
                link.mutate(exported.id, { onSuccess: ({ url }) => window.location.assign(url) })
              }}
            >
              Download
            </button>
          )}
          <button
            type="button"
            className="danger"
            disabled={busy}
            aria-label={`Delete ${name}`}
            onClick={() => {
              reset()
              setConfirming(true)
            }}
          >
            Delete
          </button>
        </div>
      )}
    </li>
  )
}

/** What a ready export holds, its size and until when; or why it failed (one being built has its state only). */
function ExportDetails({ exported }: { exported: AccountExport }) {
  if (exported.state === 'pending') return null
  if (exported.state === 'failed') return <p className="muted">{exported.error ?? 'It could not be prepared.'}</p>
  return (
    <>
      <p>{contentsText(exported.contents)}</p>
      <p className="muted">
        {humanSize(exported.sizeBytes ?? 0)} ZIP
        {exported.expiresAt && (
          <>
            {' '}
            · available until <time dateTime={exported.expiresAt}>{timeText(exported.expiresAt)}</time>
          </>
        )}
      </p>
    </>
  )
}

/** The second step of deleting: the question, with the focus on keeping it (the Delete clicked is gone). */
function ConfirmDelete({ busy, onDelete, onKeep }: { busy: boolean; onDelete: () => void; onKeep: () => void }) {
  const keep = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    keep.current?.focus()
  }, [])
  return (
    <div className="token-actions">
      <span>Delete this export now?</span>
      <button type="button" className="danger" disabled={busy} onClick={onDelete}>
        Delete export
      </button>
      <button type="button" ref={keep} onClick={onKeep}>
        Keep
      </button>
    </div>
  )
}
