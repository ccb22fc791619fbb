import { DateTime, Defaulted, Page, PageQuery, Uuid } from '@focushub/shared/http'
import Type from 'typebox'
import { maxTextCharacters, plainTextSchema } from '../room-chat/plain-text.ts'

export const ReportBody = Type.Object(
  {
    reason: Type.String({
      ...plainTextSchema,
      description: `1 to ${maxTextCharacters} characters, not only white space, no control characters but line breaks`,
    }),
    messageId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
)

export const CreatedReport = Type.Object({ id: Uuid })

const ReportStatus = Type.Union([Type.Literal('open'), Type.Literal('resolved')])

/**
 * A report as admins see it: the message's text and author as they were when reported (both null once the
 * author's account is deleted: the report stays, what it copied of them goes).
 */
export const Report = Type.Object({
  id: Uuid,
  roomId: Uuid,
  roomName: Type.Union([Type.String(), Type.Null()]),
  reporterId: Uuid,
  reason: Type.String(),
  message: Type.Union([
    Type.Object({
      id: Uuid,
      authorId: Type.Union([Uuid, Type.Null()]),
      body: Type.Union([Type.String(), Type.Null()]),
    }),
    Type.Null(),
  ]),
  status: ReportStatus,
  createdAt: DateTime,
  resolvedAt: Type.Union([DateTime, Type.Null()]),
  resolvedBy: Type.Union([Uuid, Type.Null()]),
})

export const ReportsQuery = Type.Object(
  {
    status: Defaulted(Type.Union([Type.Literal('open'), Type.Literal('resolved')], { default: 'open' })),
    ...PageQuery,
  },
  { additionalProperties: false },
)
export const ReportsPage = Page(Report)
export const ReportParams = Type.Object({ id: Uuid })
