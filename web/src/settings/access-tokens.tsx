import { type FormEvent, useState } from 'react'
import { fieldMessage, formMessage } from '../api/problem.ts'
import { Field, FormMessage, TextField } from '../ui/field.tsx'
import {
  type AccessToken,
  type Scope,
  useAccessTokens,
  useCreateAccessToken,
  useRevokeAccessToken,
} from './access-tokens-queries.ts'
import { ShownOnce } from './shown-once.tsx'

/** The areas a token may reach, as auth-service names them, with what each covers. */
const areas = [
  { area: 'tasks', label: 'Tasks', covers: 'projects, tasks, labels' },
  { area: 'focus', label: 'Focus', covers: 'sessions, goals, rooms' },
  { area: 'habits', label: 'Habits', covers: 'habits, achievements, rewards' },
  { area: 'social', label: 'Social', covers: 'people, messages, the feed' },
  { area: 'notifications', label: 'Notifications', covers: 'inbox, settings, weekly reviews' },
] as const
type Access = 'none' | 'read' | 'write'

const lifetimes = [7, 30, 90, 365]
const day = (iso: string) => new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' })

/** Personal access tokens: for scripts and other tools, each limited to the areas it names. */
export function AccessTokensSection() {
  const tokens = useAccessTokens()
  const [shown, setShown] = useState<{ name: string; token: string }>()
  return (
    <section aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">Personal access tokens</h2>
      <p>
        For scripts and other tools: send one as <code>Authorization: Bearer …</code>. It reaches only the areas you
        choose, never your account's settings.
      </p>
      {shown && (
        <ShownOnce
          label={`New token ${shown.name}`}
          title={`Copy “${shown.name}” now:`}
          secret={shown.token}
          onClose={() => setShown(undefined)}
        />
      )}
      <FormMessage message={formMessage(tokens.error)} />
      {tokens.data && <TokenList tokens={tokens.data} />}
      <NewTokenForm onCreated={setShown} />
    </section>
  )
}

function TokenList({ tokens }: { tokens: AccessToken[] }) {
  const revoke = useRevokeAccessToken()
  if (tokens.length === 0) return <p className="muted">No tokens yet.</p>
  return (
    <>
      <FormMessage message={formMessage(revoke.error)} />
      <ul className="token-list" aria-label="Your tokens">
        {tokens.map((token) => {
          const expired = Date.parse(token.expiresAt) <= Date.now()
          return (
            <li key={token.id} aria-label={token.name}>
              <div>
                <strong>{token.name}</strong> <code>{token.tokenHint}…</code>
                <p className="muted">
                  {token.scopes.join(', ')} · {expired ? 'expired' : 'expires'} {day(token.expiresAt)} ·{' '}
                  {token.lastUsedAt ? `last used ${day(token.lastUsedAt)}` : 'never used'}
                </p>
              </div>
              <button
                type="button"
                className="danger"
                disabled={revoke.isPending}
                onClick={() => revoke.mutate(token.id)}
                aria-label={`Revoke ${token.name}`}
              >
                Revoke
              </button>
            </li>
          )
        })}
      </ul>
    </>
  )
}

function NewTokenForm({ onCreated }: { onCreated: (token: { name: string; token: string }) => void }) {
  const create = useCreateAccessToken()
  const [name, setName] = useState('')
  const [days, setDays] = useState(30)
  const [access, setAccess] = useState<Record<string, Access>>({})
  const scopes = areas.flatMap(({ area }) => {
    const chosen = access[area] ?? 'none'
    return chosen === 'none' ? [] : [`${area}:${chosen}` as Scope]
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    create.mutate(
      { name, scopes, expiresInDays: days },
      {
        onSuccess: (created) => {
          onCreated({ name: created.name, token: created.token })
          setName('')
          setAccess({})
        },
      },
    )
  }
  return (
    <form className="settings-form token-form" onSubmit={submit} noValidate aria-label="New token">
      <h3>New token</h3>
      <FormMessage message={formMessage(create.error)} />
      <TextField
        label="Name"
        value={name}
        maxLength={100}
        placeholder="What it is for"
        onChange={(event) => setName(event.target.value)}
        error={fieldMessage(create.error, 'name')}
      />
      <fieldset className="token-scopes">
        <legend>Access</legend>
        {areas.map(({ area, label, covers }) => (
          <Field key={area} label={label}>
            {(control) => (
              <select
                {...control}
                value={access[area] ?? 'none'}
                title={covers}
                onChange={(event) => setAccess({ ...access, [area]: event.target.value as Access })}
              >
                <option value="none">No access</option>
                <option value="read">Read</option>
                <option value="write">Read and write</option>
              </select>
            )}
          </Field>
        ))}
        {fieldMessage(create.error, 'scopes') && <p className="field-error">Choose access to at least one area.</p>}
      </fieldset>
      <Field label="Expires after" error={fieldMessage(create.error, 'expiresInDays')}>
        {(control) => (
          <select {...control} value={days} onChange={(event) => setDays(Number(event.target.value))}>
            {lifetimes.map((lifetime) => (
              <option key={lifetime} value={lifetime}>
                {lifetime} days
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit" className="primary" disabled={create.isPending}>
        Create token
      </button>
    </form>
  )
}
