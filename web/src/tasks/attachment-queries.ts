// A task's attachments (task-service's /tasks/{id}/attachments): the ready ones, a short-lived URL to
// download one or show its thumbnail, and deleting one. Uploading is attachment-upload.ts.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useRef } from 'react'
import { api, type paths } from '../api/client.ts'
import { unwrap } from '../api/problem.ts'
import { isImage } from './attachments.ts'

export type Attachment =
  paths['/api/v1/tasks/{taskId}/attachments']['get']['responses'][200]['content']['application/json']['items'][number]

// Apart from ['task', id] and the ['tasks'] lists: task.attachment.* events read it again (api/live.ts).
export const attachmentsKey = (taskId: string) => ['task-attachments', taskId] as const
// Apart from the list, so reading the list again keeps the thumbnails' URLs (and the images shown).
const thumbnailKey = (attachmentId: string) => ['attachment-thumbnail', attachmentId] as const

/** task-service makes an image's thumbnail in the background: the list is read every 2 s for a minute. */
const thumbnailPollMs = 2_000
const thumbnailWaitMs = 60_000

/** A task's ready attachments, oldest first; read again for a while when an image has no thumbnail yet. */
export function useAttachments(taskId: string) {
  // When this tab first saw each image without its thumbnail: the wait is a minute from then.
  const waitingSince = useRef(new Map<string, number>())
  return useQuery({
    queryKey: attachmentsKey(taskId),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/tasks/{taskId}/attachments', { params: { path: { taskId } } })).items,
    refetchInterval: (query) => {
      const now = Date.now()
      const waiting = (query.state.data ?? []).filter((each) => isImage(each.contentType) && !each.thumbnail)
      const since = new Map(waiting.map(({ id }) => [id, waitingSince.current.get(id) ?? now]))
      waitingSince.current = since
      return [...since.values()].some((first) => now - first < thumbnailWaitMs) ? thumbnailPollMs : false
    },
  })
}

async function downloadUrl(attachment: Attachment, variant: 'original' | 'thumbnail') {
  return unwrap(
    await api.GET('/api/v1/tasks/{taskId}/attachments/{attachmentId}/download', {
      params: { path: { taskId: attachment.taskId, attachmentId: attachment.id }, query: { variant } },
    }),
  )
}

/** The presigned URL of an image's thumbnail, once it has one; asked again when it is about to expire. */
export function useThumbnailUrl(attachment: Attachment) {
  return useQuery({
    queryKey: thumbnailKey(attachment.id),
    queryFn: () => downloadUrl(attachment, 'thumbnail'),
    enabled: attachment.thumbnail,
    staleTime: (query) => (query.state.data ? Date.parse(query.state.data.expiresAt) - Date.now() - 30_000 : 0),
  })
}

/**
 * Downloads the file: its URL is asked for on the click (it lasts minutes) and followed by a link, which
 * the storage answers as an attachment with its name, so the app stays where it is.
 */
export function useDownloadAttachment() {
  return useMutation({
    mutationFn: (attachment: Attachment) => downloadUrl(attachment, 'original'),
    onSuccess: ({ url }, attachment) => {
      const link = document.createElement('a')
      link.href = url
      link.download = attachment.fileName
      link.rel = 'noopener'
      link.click()
    },
  })
}

/** Deletes an attachment: gone from the list at once, put back when refused. */
export function useDeleteAttachment(taskId: string) {
  const queryClient = useQueryClient()
  const key = attachmentsKey(taskId)
  return useMutation({
    mutationFn: async (attachment: Attachment) =>
      unwrap(
        await api.DELETE('/api/v1/tasks/{taskId}/attachments/{attachmentId}', {
          params: { path: { taskId, attachmentId: attachment.id } },
        }),
      ),
    onMutate: async (attachment) => {
      await queryClient.cancelQueries({ queryKey: key })
      const before = queryClient.getQueryData<Attachment[]>(key)
      queryClient.setQueryData<Attachment[]>(key, (list) => list?.filter((each) => each.id !== attachment.id))
      return () => queryClient.setQueryData(key, before)
    },
    onError: (_error, _attachment, undo) => undo?.(),
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  })
}
