import { Link } from 'wouter'
import { formMessage } from '../api/problem.ts'
import { FormMessage } from '../ui/field.tsx'
import { personName } from '../ui/person-name.ts'
import { type CaseDetail, isForbidden, isNotFound, useCase, useResolveCase } from './moderation-queries.ts'
import { caseTitle, reasonLabel, reportsText, resolveRefusal, targetNoun, when } from './moderation-text.ts'
import { Resolution } from './resolution.tsx'
import { ResolveForm } from './resolve-form.tsx'

const statusLabels = { open: 'Open', actioned: 'Actioned', dismissed: 'Dismissed' } as const

/**
 * One case (/moderation/cases/:id): what was reported and whose it is, the text as it was at the first
 * report (plain text, never HTML), the reasons with their counts and every report; open, the form
 * to resolve it; closed, how it was resolved.
 */
export function CaseScreen({ caseId, userId }: { caseId: string; userId: string }) {
  const read = useCase(caseId)
  const resolve = useResolveCase(caseId)
  const item = read.data
  return (
    <main className="screen moderation">
      <Link href={item && item.status !== 'open' ? '/moderation?tab=closed' : '/moderation'} className="back-link">
        {item && item.status !== 'open' ? 'Closed cases' : 'Open cases'}
      </Link>
      <h1>{item ? caseTitle(item) : 'Case'}</h1>
      {isNotFound(read.error) ? (
        <p role="alert" className="form-error">
          There is no such case.
        </p>
      ) : isForbidden(read.error) ? (
        <p role="alert" className="form-error">
          Only moderators see cases. If you were made one just now, sign in again.
        </p>
      ) : (
        <FormMessage message={formMessage(read.error)} />
      )}
      {item && (
        <>
          <CaseFacts item={item} />
          {item.status === 'open' ? (
            <ResolveForm item={item} resolve={resolve} />
          ) : (
            <Resolution
              item={item}
              refusal={resolveRefusal(resolve.error)}
              resolvedHere={resolve.isSuccess}
              mine={item.subject.userId === userId}
            />
          )}
          <Reports item={item} />
        </>
      )}
    </main>
  )
}

function CaseFacts({ item }: { item: CaseDetail }) {
  const subject = personName(item.subject.displayName, item.subject.userId, 'Someone')
  return (
    <section aria-labelledby="case-facts-heading" className="moderation-card">
      <h2 id="case-facts-heading">{`The reported ${targetNoun(item.target.type)}`}</h2>
      <dl className="case-facts">
        <dt>Status</dt>
        <dd>{statusLabels[item.status]}</dd>
        <dt>Whose</dt>
        <dd>
          <Link href={`/feed/people/${item.subject.userId}`}>{subject}</Link>
          {item.subject.handle && <span className="muted">{` @${item.subject.handle}`}</span>}
          {' · '}
          <Link href={`/moderation?tab=log&subject=${item.subject.userId}`}>Their log</Link>
        </dd>
        <dt>Reported</dt>
        <dd>
          {`${reportsText(item.reportCount)}, first `}
          <time dateTime={item.openedAt}>{when(item.openedAt)}</time>
          {', last '}
          <time dateTime={item.lastReportedAt}>{when(item.lastReportedAt)}</time>
        </dd>
        <dt>Reasons</dt>
        <dd>
          <ul className="case-reasons" aria-label="Reasons">
            {item.reasons.map(({ reason, count }) => (
              <li key={reason}>
                {reasonLabel(reason)} <span className="case-count">{count}</span>
              </li>
            ))}
          </ul>
        </dd>
      </dl>
      {item.snapshot ? (
        <figure className="case-evidence">
          <figcaption className="muted">
            {'The text as it was when first reported (written '}
            <time dateTime={item.snapshot.createdAt}>{when(item.snapshot.createdAt)}</time>)
          </figcaption>
          <blockquote className="case-snapshot-text">{item.snapshot.text}</blockquote>
        </figure>
      ) : (
        item.target.type !== 'user' && (
          <p className="muted">The text is no longer kept (its author’s account is gone).</p>
        )
      )}
    </section>
  )
}

function Reports({ item }: { item: CaseDetail }) {
  return (
    <section aria-labelledby="case-reports-heading">
      <h2 id="case-reports-heading">{`Reports, oldest first (${item.reports.length})`}</h2>
      <ol className="case-reports">
        {item.reports.map((report) => (
          <li key={report.id} className="case-report">
            <span className="case-reporter">
              {personName(report.reporter.displayName, report.reporter.userId, 'Someone')}
            </span>
            <span className="case-badge">{reasonLabel(report.reason)}</span>
            <time className="muted" dateTime={report.createdAt}>
              {when(report.createdAt)}
            </time>
            {report.details && <p className="case-report-details">{report.details}</p>}
          </li>
        ))}
      </ol>
    </section>
  )
}
