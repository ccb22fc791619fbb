import { useState } from 'react'
import { Link } from 'wouter'
import { formMessage } from '../api/problem.ts'
import { ReportButton } from '../moderation/report-dialog.tsx'
import { FormMessage, TextField } from '../ui/field.tsx'
import { useSettled } from '../ui/use-settled.ts'
import { minQueryLength, usePeopleSearch, useStandings } from './people-queries.ts'
import { personLabel } from './people-text.ts'
import { PersonActions } from './person-actions.tsx'

/** People by the start of their display name or handle, each with what I can do about them. */
export function PeopleSearch() {
  const [typed, setTyped] = useState('')
  const q = useSettled(typed.trim())
  const found = usePeopleSearch(q)
  const standingWith = useStandings()
  const searching = q.length >= minQueryLength
  return (
    <section aria-labelledby="people-search-heading">
      <h2 id="people-search-heading">Find people</h2>
      <search>
        <TextField
          label="Name or handle"
          type="search"
          maxLength={50}
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
        />
      </search>
      <p className="muted hint" role="status">
        {!searching
          ? `Type at least ${minQueryLength} characters of a name or handle.`
          : found.isSuccess && found.data.length === 0
            ? 'Nobody found.'
            : ''}
      </p>
      <FormMessage message={formMessage(found.error)} />
      {searching && (
        <ul className="people-list" aria-label="People found">
          {found.data?.map((person) => (
            <li key={person.userId} className="people-item">
              <span className="people-name">
                <Link href={`/feed/people/${person.userId}`}>{personLabel(person)}</Link>
              </span>
              <PersonActions person={person} standing={standingWith(person.userId)} />
              <ReportButton target={{ type: 'user', id: person.userId }} label={`Report ${personLabel(person)}`} />
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
