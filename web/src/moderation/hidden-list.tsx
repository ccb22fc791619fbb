import { useStandingEvents } from './moderation-live.ts'
import { useStanding } from './moderation-queries.ts'
import { targetNoun, when } from './moderation-text.ts'

/**
 * On Feed: what of mine moderators hid (my 20 latest), each with why: a comment under someone else's
 * post or a message is otherwise hard to find. Nothing while there is none.
 */
export function HiddenList() {
  useStandingEvents()
  const hidden = useStanding().data?.hidden ?? []
  if (hidden.length === 0) return null
  return (
    <details className="hidden-list">
      <summary>{`Hidden by moderators (${hidden.length})`}</summary>
      <ul>
        {hidden.map((item) => (
          <li key={`${item.target.type}-${item.target.id}`}>
            <span className="muted">
              {`My ${targetNoun(item.target.type)}, hidden `}
              <time dateTime={item.at}>{when(item.at)}</time>
            </span>
            <q>{item.excerpt}</q>
            <span>{`Why: ${item.reason}`}</span>
          </li>
        ))}
      </ul>
    </details>
  )
}
