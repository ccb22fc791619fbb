// The task's "Attachments" section: files dropped or picked are checked here (size, type), uploaded
// with their progress and a cancel, then listed with a preview, to download or delete.
import { type DragEvent, useRef, useState } from 'react'
import { formMessage } from '../api/problem.ts'
import { FormMessage } from '../ui/field.tsx'
import { AttachmentList } from './attachment-list.tsx'
import { useAttachments } from './attachment-queries.ts'
import { type Upload, useUploads } from './attachment-upload.ts'
import { acceptedFiles, humanSize, maxAttachmentBytes } from './attachments.ts'
import type { Task } from './task-queries.ts'
import './task-attachments.css'

export function TaskAttachments({ task }: { task: Task }) {
  const attachments = useAttachments(task.id)
  const [announcement, setAnnouncement] = useState('')
  const { uploads, start, dismiss } = useUploads(task.id, (attachment) =>
    setAnnouncement(`${attachment.fileName} attached.`),
  )
  return (
    <section className="task-attachments" aria-labelledby="attachments-heading">
      <h2 id="attachments-heading">Attachments</h2>
      <FormMessage message={formMessage(attachments.error)} />
      <DropZone onFiles={start} />
      {uploads.length > 0 && <UploadList uploads={uploads} dismiss={dismiss} />}
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      {attachments.data?.length === 0 && <p className="muted">No attachments.</p>}
      {attachments.data && attachments.data.length > 0 && (
        <AttachmentList taskId={task.id} attachments={attachments.data} />
      )}
    </section>
  )
}

/** Where files are dropped, or picked with the button (a visible one: the file input itself stays hidden). */
function DropZone({ onFiles }: { onFiles: (files: Iterable<File>) => void }) {
  const input = useRef<HTMLInputElement>(null)
  const [over, setOver] = useState(false)
  const hasFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files')
  const dragOver = (event: DragEvent) => {
    if (!hasFiles(event)) return
    // Taken here rather than opened by the browser in place of the app.
    event.preventDefault()
    event.dataTransfer.dropEffect = 'copy'
    setOver(true)
  }
  const drop = (event: DragEvent) => {
    event.preventDefault()
    setOver(false)
    onFiles(event.dataTransfer.files)
  }
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: dropping is the pointer's shortcut; the button inside does it by keyboard
    <div
      className={over ? 'drop-zone over' : 'drop-zone'}
      onDragEnter={dragOver}
      onDragOver={dragOver}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOver(false)
      }}
      onDrop={drop}
    >
      <p>
        Drop files here, or{' '}
        <button type="button" onClick={() => input.current?.click()}>
          Add files
        </button>
      </p>
      <p className="muted hint">Images, PDF, text and office documents, up to {humanSize(maxAttachmentBytes)} each.</p>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        accept={acceptedFiles}
        aria-label="Files to attach"
        onChange={(event) => {
          onFiles(event.target.files ?? [])
          // Emptied, so picking the same file again (after a refusal) is a change too.
          event.target.value = ''
        }}
      />
    </div>
  )
}

function UploadList({ uploads, dismiss }: { uploads: Upload[]; dismiss: (key: string) => void }) {
  return (
    <ul className="upload-list" aria-label="Uploads">
      {uploads.map((upload) => (
        <li key={upload.key} className={upload.phase === 'failed' ? 'upload failed' : 'upload'}>
          <span className="attachment-name" id={`${upload.key}-name`}>
            {upload.fileName}
          </span>
          <span className="muted attachment-size">{humanSize(upload.size)}</span>
          {upload.phase === 'failed' ? (
            <>
              <p className="form-error" role="alert">
                {upload.problem}
              </p>
              <button type="button" aria-label={`Dismiss ${upload.fileName}`} onClick={() => dismiss(upload.key)}>
                Dismiss
              </button>
            </>
          ) : (
            <>
              <progress
                aria-labelledby={`${upload.key}-name`}
                aria-valuetext={
                  upload.phase === 'completing'
                    ? 'Uploaded, being checked'
                    : `${humanSize(upload.sent)} of ${humanSize(upload.size)}`
                }
                max={upload.size || 1}
                value={upload.phase === 'completing' ? upload.size || 1 : upload.sent}
              />
              <button
                type="button"
                aria-label={`Cancel ${upload.fileName}`}
                disabled={upload.phase !== 'uploading'}
                onClick={upload.cancel}
              >
                Cancel
              </button>
            </>
          )}
        </li>
      ))}
    </ul>
  )
}
