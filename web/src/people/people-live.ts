// The People screen kept current by the live channel: a friend request to me, one of mine accepted, or
// a new follower (social-service's events, pushed to their audience) reads my lists again.
import { useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { onLiveEvent, onLiveOpen } from '../api/live.ts'
import { listsKey } from './people-queries.ts'
import { changesLists } from './people-text.ts'

/** While the screen is open: my lists read again on each social event, and whenever the stream (re)opens. */
export function usePeopleEvents() {
  const queryClient = useQueryClient()
  useEffect(() => {
    // A "Load more" in flight is left to finish (cancelling it would drop the click's page).
    const reread = () => void queryClient.invalidateQueries({ queryKey: listsKey }, { cancelRefetch: false })
    const stopEvents = onLiveEvent(({ type }) => {
      if (changesLists(type)) reread()
    })
    // What arrived while no stream carried it (or before the screen's first read) is read again.
    const stopOpen = onLiveOpen(reread)
    return () => {
      stopEvents()
      stopOpen()
    }
  }, [queryClient])
}
