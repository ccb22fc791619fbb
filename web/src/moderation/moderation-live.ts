// Where I stand kept current by the live channel: a moderator hiding something of mine, warning or
// suspending me (social-service's social.moderation.* events, pushed to me) reads my standing again.
import { useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { onLiveEvent, onLiveOpen } from '../api/live.ts'
import { standingKey } from './moderation-queries.ts'
import { changesStanding } from './moderation-text.ts'

/** While a social screen is open: my standing read again on each moderation event, and whenever the stream (re)opens. */
export function useStandingEvents() {
  const queryClient = useQueryClient()
  useEffect(() => {
    const reread = () => void queryClient.invalidateQueries({ queryKey: standingKey })
    const stopEvents = onLiveEvent(({ type }) => {
      if (changesStanding(type)) reread()
    })
    const stopOpen = onLiveOpen(reread)
    return () => {
      stopEvents()
      stopOpen()
    }
  }, [queryClient])
}
