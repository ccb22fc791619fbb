import { currentUser } from '@focushub/shared/auth'
import { contextOf } from '@focushub/shared/context'
import { type App, problems, routeScope } from '@focushub/shared/http'
import Type from 'typebox'
import type { TaskContext } from '../../context.ts'
import { TaskParams } from '../tasks/tasks.schemas.ts'
import { completeAttachment } from './attachment-completion.ts'
import {
  Attachment,
  AttachmentDownload,
  AttachmentList,
  AttachmentParams,
  AttachmentUpload,
  CreateAttachmentBody,
  DownloadQuery,
} from './attachments.schemas.ts'
import { createAttachment, deleteAttachment, downloadAttachment, listAttachments } from './attachments.service.ts'

export async function attachmentsRoutes(app: App, { ctx }: { ctx: TaskContext }) {
  routeScope(app, { tags: ['tasks'], access: 'user' })

  app.post(
    '/tasks/:taskId/attachments',
    {
      schema: {
        summary: 'Announce a file for a task I may edit: a pending attachment and a presigned URL to PUT it to',
        description:
          'PUT the file to `upload.url` with `upload.headers` before `upload.expiresAt`, then `POST …/complete`. ' +
          'The pending upload counts against the task’s limit and your quota at once.',
        params: TaskParams,
        body: CreateAttachmentBody,
        response: { 201: AttachmentUpload, ...problems(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const created = await createAttachment(ctx, contextOf(request), request.params.taskId, request.body)
      return reply.code(201).send(created)
    },
  )

  app.post(
    '/tasks/:taskId/attachments/:attachmentId/complete',
    {
      schema: {
        summary: 'Finish my upload: the stored file is checked and the attachment becomes ready',
        description:
          'Not uploaded yet: 409. Not the size or type announced: 422, and the upload is discarded. ' +
          'Completing a ready attachment answers it again.',
        params: AttachmentParams,
        response: { 200: Attachment, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => completeAttachment(ctx, contextOf(request), request.params),
  )

  app.get(
    '/tasks/:taskId/attachments',
    {
      schema: {
        summary: "A task's attachments (ready ones)",
        params: TaskParams,
        response: { 200: AttachmentList, ...problems(400, 401, 404) },
      },
    },
    async (request) => listAttachments(ctx, currentUser(request).userId, request.params.taskId),
  )

  app.get(
    '/tasks/:taskId/attachments/:attachmentId/download',
    {
      schema: {
        summary: 'A short-lived URL to download an attachment, or to show its thumbnail',
        params: AttachmentParams,
        querystring: DownloadQuery,
        response: { 200: AttachmentDownload, ...problems(400, 401, 404) },
      },
    },
    async (request) => downloadAttachment(ctx, currentUser(request).userId, request.params, request.query.variant),
  )

  app.delete(
    '/tasks/:taskId/attachments/:attachmentId',
    {
      schema: {
        summary: 'Delete an attachment (its uploader, or a member who may edit the task)',
        params: AttachmentParams,
        response: { 204: Type.Null(), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await deleteAttachment(ctx, contextOf(request), request.params)
      return reply.code(204).send(null)
    },
  )
}
