import { DateTime, Page, PageQuery } from '@focushub/shared/http'
import Type from 'typebox'
import { Session } from '../sessions/sessions.schemas.ts'

export const HistoryQuery = Type.Object(
  {
    ...PageQuery,
    from: Type.Optional({ ...DateTime, description: 'Sessions started at or after this instant' }),
    to: Type.Optional({ ...DateTime, description: 'Sessions started before this instant' }),
  },
  { additionalProperties: false },
)

export const SessionPage = Page(Session)
