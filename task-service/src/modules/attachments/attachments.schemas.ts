import { DateTime, Defaulted, Uuid } from '@focushub/shared/http'
import Type, { type Static } from 'typebox'
import { StringEnum } from '../../schemas/common.ts'
import { allowedTypes, maxFileNameLength } from './attachment-rules.ts'

export const AttachmentStatus = StringEnum(['pending', 'ready'], {
  description: 'pending: announced, waiting for its upload and `complete`; ready: checked, listed, downloadable',
})

export const Attachment = Type.Object({
  id: Uuid,
  taskId: Uuid,
  fileName: Type.String({ description: 'A display name only' }),
  size: Type.Integer({ minimum: 0, description: 'Bytes' }),
  contentType: Type.String(),
  status: AttachmentStatus,
  thumbnail: Type.Boolean({ description: 'A WebP thumbnail (≤ 320 px) can be downloaded: images, once it is made' }),
  uploadedBy: Uuid,
  createdAt: DateTime,
})
export type Attachment = Static<typeof Attachment>

export const AttachmentParams = Type.Object({ taskId: Uuid, attachmentId: Uuid })

export const CreateAttachmentBody = Type.Object(
  {
    fileName: Type.String({
      minLength: 1,
      maxLength: 1024,
      description: `Shown to members, trimmed: 1–${maxFileNameLength} characters, no control characters. Never a path`,
    }),
    size: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'Bytes the upload will have' }),
    contentType: Type.String({
      minLength: 1,
      maxLength: 255,
      description: `The file's media type, one of: ${allowedTypes.join(', ')} (parameters ignored)`,
    }),
  },
  { additionalProperties: false },
)

export const AttachmentUpload = Type.Object({
  attachment: Attachment,
  upload: Type.Object(
    {
      method: Type.Literal('PUT'),
      url: Type.String({
        description:
          'Presigned: PUT the file here, exactly `size` bytes. Absolute, or a path (`/storage/…`) on the origin you called',
      }),
      headers: Type.Record(Type.String(), Type.String(), { description: 'Headers the PUT must send' }),
      expiresAt: DateTime,
    },
    { description: 'Where the file goes; then `POST …/complete`' },
  ),
})

export const AttachmentList = Type.Object({
  items: Type.Array(Attachment, { description: "The task's ready attachments, oldest first (a bounded number)" }),
})

export const DownloadQuery = Type.Object(
  {
    variant: Defaulted(
      Type.Union([Type.Literal('original'), Type.Literal('thumbnail')], {
        default: 'original',
        description: 'original: the file, as an attachment with its name; thumbnail: the WebP thumbnail, inline',
      }),
    ),
  },
  { additionalProperties: false },
)

export const AttachmentDownload = Type.Object({
  url: Type.String({
    description: 'Presigned GET, valid until expiresAt. Absolute, or a path (`/storage/…`) on the origin you called',
  }),
  expiresAt: DateTime,
})
