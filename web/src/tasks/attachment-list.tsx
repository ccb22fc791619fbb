import { useRef, useState } from 'react'
import { formMessage } from '../api/problem.ts'
import { FormMessage } from '../ui/field.tsx'
import { type Attachment, useDeleteAttachment, useDownloadAttachment, useThumbnailUrl } from './attachment-queries.ts'
import { humanSize, typeLabel } from './attachments.ts'

/** The task's attachments, each with its preview, to download or delete (once confirmed in a modal dialog). */
export function AttachmentList({ taskId, attachments }: { taskId: string; attachments: Attachment[] }) {
  const download = useDownloadAttachment()
  const remove = useDeleteAttachment(taskId)
  const dialog = useRef<HTMLDialogElement>(null)
  const [deleting, setDeleting] = useState<Attachment>()
  const confirm = () => {
    if (deleting) remove.mutate(deleting)
    dialog.current?.close()
  }
  return (
    <>
      <FormMessage message={formMessage(download.error) ?? formMessage(remove.error)} />
      <ul className="attachment-list" aria-label="Files">
        {attachments.map((attachment) => (
          <li key={attachment.id} className="attachment">
            <Preview attachment={attachment} />
            <span className="attachment-name">{attachment.fileName}</span>
            <span className="muted attachment-size">{humanSize(attachment.size)}</span>
            <span className="attachment-actions">
              <button
                type="button"
                aria-label={`Download ${attachment.fileName}`}
                disabled={download.isPending && download.variables?.id === attachment.id}
                onClick={() => download.mutate(attachment)}
              >
                Download
              </button>
              <button
                type="button"
                className="danger"
                aria-label={`Delete ${attachment.fileName}`}
                onClick={() => {
                  setDeleting(attachment)
                  dialog.current?.showModal()
                }}
              >
                Delete
              </button>
            </span>
          </li>
        ))}
      </ul>
      <dialog ref={dialog} aria-labelledby="delete-attachment-heading" className="confirm">
        <h2 id="delete-attachment-heading">Delete “{deleting?.fileName}”?</h2>
        <p>It is deleted for everyone who sees this task. This cannot be undone.</p>
        <div className="confirm-actions">
          <button type="button" className="primary" onClick={confirm}>
            Delete
          </button>
          <button type="button" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
        </div>
      </dialog>
    </>
  )
}

/** An image's thumbnail (once task-service has made it), else a label of the file's type. */
function Preview({ attachment }: { attachment: Attachment }) {
  const thumbnail = useThumbnailUrl(attachment)
  if (thumbnail.data) {
    return <img className="attachment-preview" src={thumbnail.data.url} alt="" width={48} height={48} />
  }
  return <span className="attachment-preview file-type">{typeLabel(attachment.contentType, attachment.fileName)}</span>
}
