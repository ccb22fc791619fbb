import { useIsFetching, useQueryClient } from '@tanstack/react-query'
import { type RefObject, useEffect, useRef } from 'react'

/**
 * Scrolls a section of a long screen into view when the page was opened at its anchor (a notification's
 * link, e.g. `/settings#webhooks`). Its place is known only once every section has loaded (none above it
 * grows after), so it scrolls then, once: when nothing is being read, the cache asked too (the sections
 * above may start their reads after this one first renders), and `ready` (the section's own data) holds.
 */
export function useScrollToHash(hash: `#${string}`, ready = true): RefObject<HTMLElement | null> {
  const section = useRef<HTMLElement>(null)
  const queryClient = useQueryClient()
  const fetching = useIsFetching()
  const scrolled = useRef(false)
  useEffect(() => {
    if (scrolled.current || !ready || fetching > 0 || queryClient.isFetching() > 0) return
    scrolled.current = true
    if (window.location.hash === hash) section.current?.scrollIntoView()
  }, [hash, ready, fetching, queryClient])
  return section
}
