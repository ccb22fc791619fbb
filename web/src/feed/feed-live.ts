// The feed kept current by the live channel: a like or comment on one of my posts (social-service's
// events, pushed to the post's author), and my own posts, likes and comments from another tab, read
// what the screen shows again.
import { useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { onLiveEvent, onLiveOpen } from '../api/live.ts'
import { feedKey } from './feed-queries.ts'
import { changesFeed } from './feed-text.ts'

/** While a feed screen is open: its posts and comments read again on each feed event, and whenever the stream (re)opens. */
export function useFeedEvents() {
  const queryClient = useQueryClient()
  useEffect(() => {
    // A "Load more" in flight is left to finish (cancelling it would drop the click's page).
    const reread = () => void queryClient.invalidateQueries({ queryKey: feedKey }, { cancelRefetch: false })
    const stopEvents = onLiveEvent(({ type }) => {
      if (changesFeed(type)) reread()
    })
    // What arrived while no stream carried it (or before the screen's first read) is read again.
    const stopOpen = onLiveOpen(reread)
    return () => {
      stopEvents()
      stopOpen()
    }
  }, [queryClient])
}
