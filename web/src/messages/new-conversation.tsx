import { type FormEvent, useState } from 'react'
import { Link, useLocation } from 'wouter'
import { fieldMessage, formMessage } from '../api/problem.ts'
import { FormMessage, TextField } from '../ui/field.tsx'
import { type Person, useCreateGroup, useStartDirect } from './messages-queries.ts'
import { startRefusal } from './messages-text.ts'
import { nameOf, PersonPicker } from './person-picker.tsx'

/** Starting a conversation: with one person picked from a search, or a group with a title. */
export function NewConversation() {
  return (
    <div className="new-conversation">
      <StartDirect />
      <NewGroup />
    </div>
  )
}

function StartDirect() {
  const start = useStartDirect()
  const [, navigate] = useLocation()
  const [picked, setPicked] = useState<Person>()
  const pick = (person: Person) => {
    setPicked(person)
    start.mutate(person.userId, { onSuccess: (conversation) => navigate(`/messages/${conversation.id}`) })
  }
  const refusal = picked && startRefusal(start.error, nameOf(picked))
  return (
    <section aria-labelledby="start-heading">
      <h2 id="start-heading">New message</h2>
      <p className="muted hint">
        {'Find someone to write to, or find your friends on '}
        <Link href="/people">People</Link>.
      </p>
      <FormMessage message={refusal} />
      <PersonPicker label="To" action="Message" onPick={pick} disabled={start.isPending} />
    </section>
  )
}

function NewGroup() {
  const create = useCreateGroup()
  const [, navigate] = useLocation()
  const [title, setTitle] = useState('')
  const [members, setMembers] = useState<Person[]>([])
  const add = (person: Person) =>
    setMembers((picked) => (picked.some(({ userId }) => userId === person.userId) ? picked : [...picked, person]))
  const submit = (event: FormEvent) => {
    event.preventDefault()
    create.mutate(
      { title: title.trim(), memberIds: members.map(({ userId }) => userId) },
      { onSuccess: (conversation) => navigate(`/messages/${conversation.id}`) },
    )
  }
  return (
    <section aria-labelledby="group-heading">
      <h2 id="group-heading">New group</h2>
      <form className="group-form" onSubmit={submit} noValidate>
        <FormMessage message={formMessage(create.error)} />
        <TextField
          label="Group name"
          maxLength={100}
          value={title}
          error={fieldMessage(create.error, 'title')}
          onChange={(event) => setTitle(event.target.value)}
        />
        <ul className="group-members" aria-label="In the group">
          {members.map((person) => (
            <li key={person.userId}>
              {nameOf(person)}
              <button
                type="button"
                className="quiet"
                aria-label={`Remove ${nameOf(person)}`}
                onClick={() => setMembers((picked) => picked.filter(({ userId }) => userId !== person.userId))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        {fieldMessage(create.error, 'memberIds') && (
          <p className="field-error">{fieldMessage(create.error, 'memberIds')}</p>
        )}
        <PersonPicker label="Add people" action="Add" onPick={add} />
        <button type="submit" className="primary" disabled={create.isPending}>
          Create group
        </button>
      </form>
    </section>
  )
}
