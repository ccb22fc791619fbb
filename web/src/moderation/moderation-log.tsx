import { Link } from 'wouter'
import { formMessage } from '../api/problem.ts'
import { FormMessage } from '../ui/field.tsx'
import { personName } from '../ui/person-name.ts'
import { type LogEntry, useModerationLog } from './moderation-queries.ts'
import { logActionText, targetNoun, when } from './moderation-text.ts'

/** The moderation log, newest first, a page at a time: everyone's, or one subject's (`?subject=`). */
export function ModerationLog({ subjectId }: { subjectId?: string }) {
  const pages = useModerationLog(subjectId)
  const entries = pages.data?.pages.flatMap((page) => page.items) ?? []
  return (
    <div className="moderation-log">
      <p className="muted hint">
        {subjectId ? (
          <>
            {`Only what was done about ${personName(null, subjectId, 'person')}. `}
            <Link href="/moderation?tab=log">Show everything</Link>
          </>
        ) : (
          'Every moderator action, newest first. It is never changed.'
        )}
      </p>
      <FormMessage message={formMessage(pages.error)} />
      {pages.isSuccess && entries.length === 0 && <p className="muted">Nothing in the log yet.</p>}
      <ol aria-label="Moderation log">
        {entries.map((entry) => (
          <LogRow key={entry.id} entry={entry} />
        ))}
      </ol>
      {pages.hasNextPage && (
        <button type="button" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetching}>
          Load more
        </button>
      )}
    </div>
  )
}

function LogRow({ entry }: { entry: LogEntry }) {
  const actor = personName(entry.actor.displayName, entry.actor.userId, 'Moderator')
  return (
    <li className="log-row">
      <time className="muted" dateTime={entry.at}>
        {when(entry.at)}
      </time>
      <span>
        <strong>{logActionText(entry.action)}</strong>
        {entry.target ? ` (${targetNoun(entry.target.type)})` : ''}
        {` by ${actor}`}
      </span>
      {entry.caseId && <Link href={`/moderation/cases/${entry.caseId}`}>Open case</Link>}
      {entry.reason && <p className="log-reason">{entry.reason}</p>}
    </li>
  )
}
