import { type FormEvent, useState } from 'react'
import { fieldMessage, formMessage } from '../api/problem.ts'
import { Field, FormMessage, TextField } from '../ui/field.tsx'
import { isStale, type SocialProfile, useSaveSocialProfile, useSocialProfile } from './people-queries.ts'
import { handleMessage } from './people-text.ts'

type Save = ReturnType<typeof useSaveSocialProfile>

/** My social profile: the handle others find me by, who may follow me and who may message me. */
export function ProfileCard({ displayName }: { displayName: string }) {
  const profile = useSocialProfile()
  const save = useSaveSocialProfile()
  const message = isStale(save.error)
    ? 'Your profile was changed elsewhere, so it has been reloaded. Check it and save again.'
    : handleMessage(save.error)
      ? undefined
      : formMessage(save.error ?? profile.error)
  return (
    <section aria-labelledby="social-profile-heading" className="people-card">
      <h2 id="social-profile-heading">My profile</h2>
      <p className="people-me">
        <span className="people-me-name">{displayName}</span>
        <span className="muted">{profile.data?.handle ? `@${profile.data.handle}` : 'No handle yet'}</span>
      </p>
      <FormMessage message={message} />
      {/* A new version (saved, or reloaded after a stale save) starts the form from what is saved. */}
      {profile.data && <ProfileForm key={profile.data.version} profile={profile.data} save={save} />}
      <p className="muted" role="status">
        {save.isSuccess ? 'Saved.' : ''}
      </p>
    </section>
  )
}

function ProfileForm({ profile, save }: { profile: SocialProfile; save: Save }) {
  const [handle, setHandle] = useState(profile.handle ?? '')
  const [whoMayFollow, setWhoMayFollow] = useState(profile.whoMayFollow)
  const [whoMayMessage, setWhoMayMessage] = useState(profile.whoMayMessage)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    save.mutate({ handle: handle.trim() || null, whoMayFollow, whoMayMessage, version: profile.version })
  }
  return (
    <form className="people-profile" onSubmit={submit} noValidate>
      <TextField
        label="Handle"
        autoComplete="username"
        spellCheck={false}
        maxLength={30}
        value={handle}
        onChange={(event) => setHandle(event.target.value)}
        error={handleMessage(save.error)}
      />
      <p className="muted hint">People find you by it. Letters, digits and _; leave it empty for none.</p>
      <Field label="Who may follow me" error={fieldMessage(save.error, 'whoMayFollow')}>
        {(control) => (
          <select
            {...control}
            value={whoMayFollow}
            onChange={(event) => setWhoMayFollow(event.target.value as SocialProfile['whoMayFollow'])}
          >
            <option value="everyone">Everyone</option>
            <option value="nobody">Nobody</option>
          </select>
        )}
      </Field>
      <Field label="Who may message me" error={fieldMessage(save.error, 'whoMayMessage')}>
        {(control) => (
          <select
            {...control}
            value={whoMayMessage}
            onChange={(event) => setWhoMayMessage(event.target.value as SocialProfile['whoMayMessage'])}
          >
            <option value="everyone">Everyone</option>
            <option value="friends">Friends only</option>
            <option value="nobody">Nobody</option>
          </select>
        )}
      </Field>
      <button type="submit" className="primary" disabled={save.isPending}>
        Save profile
      </button>
    </form>
  )
}
