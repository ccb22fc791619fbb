// Uploading files to a task: each is announced to task-service (POST …/attachments, which may refuse
// it), its bytes PUT to the presigned URL it answers with (an XMLHttpRequest, whose upload reports
// progress, which fetch's does not), then completed (POST …/complete, which checks what was stored).
import { useQueryClient } from '@tanstack/react-query'
import { useCallback, useState } from 'react'
import { api } from '../api/client.ts'
import { type Problem, ProblemError, unwrap } from '../api/problem.ts'
import { type Attachment, attachmentsKey } from './attachment-queries.ts'
import { checkFile } from './attachments.ts'

/** One file on its way: uploading (bytes sent so far), being checked by task-service, or refused. */
export interface Upload {
  key: string
  fileName: string
  size: number
  sent: number
  phase: 'uploading' | 'completing' | 'failed'
  problem?: string
  /** Stops the upload and withdraws what was announced (only while uploading). */
  cancel: () => void
}

interface Presigned {
  method: string
  url: string
  headers: Record<string, string>
}

/** The file PUT where task-service said, with exactly its headers; a refusal of the storage as a problem. */
function put(target: Presigned, file: File, signal: AbortSignal, onProgress: (sent: number) => void) {
  return new Promise<void>((resolve, reject) => {
    const request = new XMLHttpRequest()
    request.open(target.method, target.url)
    for (const [name, value] of Object.entries(target.headers)) request.setRequestHeader(name, value)
    request.upload.onprogress = (event) => onProgress(event.loaded)
    request.onload = () => (request.status < 300 ? resolve() : reject(storageRefusal(request)))
    request.onerror = () => reject(new TypeError('The upload did not reach the storage'))
    request.onabort = () => reject(signal.reason)
    signal.addEventListener('abort', () => request.abort(), { once: true })
    request.send(file)
  })
}

/** NGINX answers its own refusals as problem+json; the S3 server's are XML, said here by their status. */
function storageRefusal(request: XMLHttpRequest) {
  let problem: Partial<Problem> = {}
  try {
    if (request.getResponseHeader('content-type')?.includes('json')) problem = JSON.parse(request.responseText)
  } catch {
    // Not the JSON it said it was: said by its status like any other.
  }
  return new ProblemError({
    type: 'about:blank',
    title: request.statusText,
    ...problem,
    status: request.status,
    detail: problem.detail ?? `The file could not be stored (the storage answered ${request.status}).`,
  })
}

/** What to say of a failed upload: the problem's detail (and what it says of the file), or the network. */
export function uploadProblem(error: unknown) {
  if (!(error instanceof ProblemError)) return 'FocusHub could not be reached. Check your connection and try again.'
  const named = error.problem.errors?.[0]?.message
  return named ? `${error.problem.detail}: ${named}` : error.problem.detail
}

const isDiscarded = (error: unknown) => error instanceof ProblemError && error.problem.status === 422

let uploadsStarted = 0

/** The task's uploads in progress or refused, and the function that starts one per file given. */
export function useUploads(taskId: string, onUploaded: (attachment: Attachment) => void) {
  const queryClient = useQueryClient()
  const [uploads, setUploads] = useState<Upload[]>([])
  const update = useCallback(
    (key: string, change: Partial<Upload>) =>
      setUploads((list) => list.map((each) => (each.key === key ? { ...each, ...change } : each))),
    [],
  )
  const dismiss = useCallback((key: string) => setUploads((list) => list.filter((each) => each.key !== key)), [])

  const uploadOne = async (file: File, contentType: string, key: string, signal: AbortSignal) => {
    const path = { taskId }
    const body = { fileName: file.name, size: file.size, contentType }
    // Not aborted: a cancel during it withdraws the upload it announced, which an aborted request would hide.
    const { attachment, upload } = unwrap(
      await api.POST('/api/v1/tasks/{taskId}/attachments', { params: { path }, body }),
    )
    const ids = { taskId, attachmentId: attachment.id }
    try {
      signal.throwIfAborted()
      await put(upload, file, signal, (sent) => update(key, { sent }))
      update(key, { phase: 'completing', sent: file.size })
      return unwrap(
        await api.POST('/api/v1/tasks/{taskId}/attachments/{attachmentId}/complete', { params: { path: ids } }),
      )
    } catch (error) {
      // A pending upload counts against the task's limit and my quota until it goes; a refused
      // completion (422) has been discarded already.
      if (!isDiscarded(error))
        void api.DELETE('/api/v1/tasks/{taskId}/attachments/{attachmentId}', { params: { path: ids } })
      throw error
    }
  }

  const start = (file: File) => {
    const key = `upload-${++uploadsStarted}`
    const controller = new AbortController()
    const checked = checkFile(file)
    const upload: Upload = {
      key,
      fileName: file.name,
      size: file.size,
      sent: 0,
      phase: 'problem' in checked ? 'failed' : 'uploading',
      problem: 'problem' in checked ? checked.problem : undefined,
      cancel: () => controller.abort(),
    }
    setUploads((list) => [...list, upload])
    if ('problem' in checked) return
    uploadOne(file, checked.contentType, key, controller.signal).then(
      (attachment) => {
        // Listed at once from the answer; the list is read again for what others did meanwhile.
        queryClient.setQueryData<Attachment[]>(attachmentsKey(taskId), (list) => [
          ...(list ?? []).filter((each) => each.id !== attachment.id),
          attachment,
        ])
        void queryClient.invalidateQueries({ queryKey: attachmentsKey(taskId) })
        dismiss(key)
        onUploaded(attachment)
      },
      (error) =>
        controller.signal.aborted ? dismiss(key) : update(key, { phase: 'failed', problem: uploadProblem(error) }),
    )
  }

  return { uploads, start: (files: Iterable<File>) => [...files].forEach(start), dismiss }
}
