import { Link } from 'wouter'
import { formMessage } from '../api/problem.ts'
import { FormMessage } from '../ui/field.tsx'
import { type Case, type CaseStatus, isForbidden, useCases } from './moderation-queries.ts'
import { caseTitle, reasonsText, reportsText, resolutionText, when } from './moderation-text.ts'

/** Open cases oldest first, or closed ones newest resolved first, a page at a time. */
export function CaseList({ status }: { status: CaseStatus }) {
  const pages = useCases(status)
  const cases = pages.data?.pages.flatMap((page) => page.items) ?? []
  if (isForbidden(pages.error))
    return (
      <p role="alert" className="form-error">
        Only moderators see cases. If you were made one just now, sign in again.
      </p>
    )
  return (
    <div className="case-list">
      <p className="muted hint">
        {status === 'open'
          ? 'Cases waiting for a decision, oldest first. A new report of the same thing joins its case.'
          : 'Resolved cases, newest first.'}
      </p>
      <FormMessage message={formMessage(pages.error)} />
      {pages.isPending && <p className="muted">Loading cases…</p>}
      {pages.isSuccess && cases.length === 0 && (
        <p className="muted">
          {status === 'open' ? 'Nothing to look at: the queue is empty.' : 'No closed cases yet.'}
        </p>
      )}
      <ul aria-label={status === 'open' ? 'Open cases' : 'Closed cases'}>
        {cases.map((item) => (
          <CaseRow key={item.id} item={item} />
        ))}
      </ul>
      {/* Held during a re-read of the pages too: the next page's read would cancel it. */}
      {pages.hasNextPage && (
        <button type="button" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetching}>
          Load more
        </button>
      )}
    </div>
  )
}

/** One case: what and whose (a link to it), how often and why reported, the reported text (plain text). */
function CaseRow({ item }: { item: Case }) {
  return (
    <li className="case-row">
      <Link href={`/moderation/cases/${item.id}`} className="case-title">
        {caseTitle(item)}
      </Link>
      <span className="muted">{`${reportsText(item.reportCount)}: ${reasonsText(item.reasons)}`}</span>
      {item.snapshot && <p className="case-snapshot">{item.snapshot.text}</p>}
      <span className="muted case-when">
        {item.resolution ? (
          <>
            {`${resolutionText(item.resolution, when)} · `}
            <time dateTime={item.resolution.at}>{when(item.resolution.at)}</time>
          </>
        ) : (
          <>
            {'Opened '}
            <time dateTime={item.openedAt}>{when(item.openedAt)}</time>
          </>
        )}
      </span>
    </li>
  )
}
