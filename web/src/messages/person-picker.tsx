import { useState } from 'react'
import { formMessage } from '../api/problem.ts'
import { FormMessage, TextField } from '../ui/field.tsx'
import { personName } from '../ui/person-name.ts'
import { useSettled } from '../ui/use-settled.ts'
import { minQueryLength, type Person, usePeople } from './messages-queries.ts'

export const nameOf = (person: Person) => personName(person.displayName, person.userId, 'Someone')

/** A search box over people by the start of their name or handle; each found one has the `action` button. */
export function PersonPicker({
  label,
  action,
  onPick,
  disabled,
}: {
  label: string
  action: string
  onPick: (person: Person) => void
  disabled?: boolean
}) {
  const [typed, setTyped] = useState('')
  const q = useSettled(typed.trim())
  const found = usePeople(q)
  const searching = q.length >= minQueryLength
  return (
    <div className="person-picker">
      <search>
        <TextField
          label={label}
          type="search"
          maxLength={50}
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          // The results are picked by their buttons: Enter here does not submit a form around it (a new group).
          onKeyDown={(event) => {
            if (event.key === 'Enter') event.preventDefault()
          }}
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
        <ul className="people-found" aria-label={`${label}: people found`}>
          {found.data?.map((person) => (
            <li key={person.userId}>
              <span>
                {nameOf(person)}
                {person.handle && <span className="muted">{` @${person.handle}`}</span>}
              </span>
              <button
                type="button"
                disabled={disabled}
                aria-label={`${action} ${nameOf(person)}`}
                onClick={() => onPick(person)}
              >
                {action}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
