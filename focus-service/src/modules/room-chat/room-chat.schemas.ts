import { DateTime, Page, PageQuery, Uuid } from '@focushub/shared/http'
import Type from 'typebox'
import { maxTextCharacters, plainTextSchema } from './plain-text.ts'

export const MessageBody = Type.Object(
  {
    body: Type.String({
      ...plainTextSchema,
      description:
        `Plain text, 1 to ${maxTextCharacters} characters, not only white space, line breaks but no other ` +
        'control characters; stored trimmed and served as sent, never rendered as HTML',
    }),
  },
  { additionalProperties: false },
)

export const Message = Type.Object({
  id: Uuid,
  userId: Uuid,
  displayName: Type.Union([Type.String(), Type.Null()], { description: "The author's name (null until known)" }),
  body: Type.String({ description: 'Plain text as the author sent it (trimmed): show it as text, never as HTML' }),
  createdAt: DateTime,
})

export const MessagesQuery = Type.Object(PageQuery, { additionalProperties: false })
export const MessagesPage = Page(Message)
