import { useState } from 'react'
import { formMessage } from '../api/problem.ts'
import { FormMessage } from '../ui/field.tsx'
import { feedUrl, useCalendarFeed, useNewCalendarFeed, useTurnOffCalendarFeed } from './calendar-feed-queries.ts'
import { ShownOnce } from './shown-once.tsx'

const day = (iso: string) => new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' })

/** The calendar feed: a secret URL a calendar app subscribes to, with tasks due and focus sessions. */
export function CalendarFeedSection() {
  const feed = useCalendarFeed()
  const create = useNewCalendarFeed()
  const turnOff = useTurnOffCalendarFeed()
  const [url, setUrl] = useState<string>()
  const makeNew = () =>
    create.mutate(undefined, {
      onSuccess: (created) => {
        setUrl(feedUrl(created.token))
      },
    })
  return (
    <section aria-labelledby="calendar-heading">
      <h2 id="calendar-heading">Calendar feed</h2>
      <p>
        Subscribe to this link in Google Calendar, Apple Calendar or Outlook to see tasks with a due date and your focus
        sessions. Anyone with the link can read them: keep it private.
      </p>
      <FormMessage message={formMessage(feed.error ?? create.error ?? turnOff.error)} />
      {url && (
        <ShownOnce
          label="New calendar link"
          title="Copy this link now:"
          secret={url}
          onClose={() => setUrl(undefined)}
        />
      )}
      {feed.data && (
        <p className="muted">
          On since {day(feed.data.createdAt)} ·{' '}
          {feed.data.lastUsedAt ? `last read ${day(feed.data.lastUsedAt)}` : 'not read yet'}
        </p>
      )}
      {feed.data === null && <p className="muted">Off.</p>}
      <div className="token-actions">
        <button type="button" className="primary" disabled={create.isPending} onClick={makeNew}>
          {feed.data ? 'Replace link' : 'Create link'}
        </button>
        {feed.data && (
          <button
            type="button"
            className="danger"
            disabled={turnOff.isPending}
            onClick={() => turnOff.mutate(undefined, { onSuccess: () => setUrl(undefined) })}
          >
            Turn off
          </button>
        )}
      </div>
    </section>
  )
}
