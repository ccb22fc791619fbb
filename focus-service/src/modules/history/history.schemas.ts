import { DateTime, Page, pageQuery } from '@focushub/shared/http'
import Type from 'typebox'
import { Session } from '../sessions/sessions.schemas.ts'
import { HistoryCursor } from './history-cursor.ts'

export const HistoryQuery = Type.Object(
  {
    ...pageQuery(HistoryCursor.schema),
    from: Type.Optional({ ...DateTime, description: 'Sessions started at or after this instant' }),
    to: Type.Optional({ ...DateTime, description: 'Sessions started before this instant' }),
  },
  { additionalProperties: false },
)

export const SessionPage = Page(Session)
