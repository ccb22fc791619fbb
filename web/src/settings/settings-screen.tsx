import { useMutation } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { fieldMessage, formMessage } from '../api/problem.ts'
import { signOutEverywhere } from '../api/session.ts'
import { NotificationSettingsSection } from '../notifications/notification-settings.tsx'
import { Field, FormMessage, TextField } from '../ui/field.tsx'
import { AccessTokensSection } from './access-tokens.tsx'
import { CalendarFeedSection } from './calendar-feed.tsx'
import { DeleteAccountSection } from './delete-account.tsx'
import { ExportSection } from './export.tsx'
import { FocusGoalSection, TimerPlanSection } from './focus-settings.tsx'
import { ImportSection } from './imports.tsx'
import { isStale, type Profile, useProfile, useSaveProfile } from './profile-queries.ts'
import { WebhooksSection } from './webhooks.tsx'
import './settings.css'

const hours = Array.from({ length: 24 }, (_, hour) => hour)

/** The user's IANA time zones, the profile's own first when the browser does not list it (UTC in some). */
function timeZones(current: string) {
  const zones = Intl.supportedValuesOf('timeZone')
  return zones.includes(current) ? zones : [current, ...zones]
}

/**
 * The signed-in user's profile (name, time zone, day start), focus goal and timer, notifications, signing out
 * everywhere, personal access tokens, the calendar feed, webhooks, importing (from Todoist, Loop Habit Tracker or a FocusHub export),
 * exporting everything and leaving.
 */
export function SettingsScreen() {
  const profile = useProfile()
  const save = useSaveProfile()
  const message = isStale(save.error)
    ? 'Your profile was changed elsewhere, so it has been reloaded. Check it and save again.'
    : formMessage(save.error ?? profile.error)
  return (
    <main className="screen settings">
      <h1>Settings</h1>
      <section aria-labelledby="profile-heading">
        <h2 id="profile-heading">Profile</h2>
        <FormMessage message={message} />
        {/* A new version (saved, or reloaded after a stale save) starts the form from what is saved. */}
        {profile.data && <ProfileForm key={profile.data.version} profile={profile.data} save={save} />}
        <p className="muted" role="status">
          {save.isSuccess ? 'Saved.' : ''}
        </p>
      </section>
      <FocusGoalSection />
      <TimerPlanSection />
      <NotificationSettingsSection />
      <SignOutEverywhere />
      <AccessTokensSection />
      <CalendarFeedSection />
      <WebhooksSection />
      <ImportSection />
      <ExportSection />
      <DeleteAccountSection />
    </main>
  )
}

function ProfileForm({ profile, save }: { profile: Profile; save: ReturnType<typeof useSaveProfile> }) {
  const [displayName, setDisplayName] = useState(profile.displayName)
  const [timezone, setTimezone] = useState(profile.timezone)
  const [dayStartHour, setDayStartHour] = useState(profile.dayStartHour)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    save.mutate({ displayName, timezone, dayStartHour, version: profile.version })
  }
  return (
    <form className="profile" onSubmit={submit} noValidate>
      <TextField
        label="Display name"
        autoComplete="name"
        value={displayName}
        onChange={(event) => setDisplayName(event.target.value)}
        error={fieldMessage(save.error, 'displayName')}
      />
      <Field label="Time zone" error={fieldMessage(save.error, 'timezone')}>
        {(control) => (
          <select {...control} value={timezone} onChange={(event) => setTimezone(event.target.value)}>
            {timeZones(profile.timezone).map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Day starts at" error={fieldMessage(save.error, 'dayStartHour')}>
        {(control) => (
          <select {...control} value={dayStartHour} onChange={(event) => setDayStartHour(Number(event.target.value))}>
            {hours.map((hour) => (
              <option key={hour} value={hour}>
                {`${String(hour).padStart(2, '0')}:00`}
              </option>
            ))}
          </select>
        )}
      </Field>
      <p className="muted hint">Today's list counts days in this time zone, from this hour.</p>
      <button type="submit" className="primary" disabled={save.isPending}>
        Save
      </button>
    </form>
  )
}

function SignOutEverywhere() {
  const signOut = useMutation({ mutationFn: signOutEverywhere })
  return (
    <section aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Sign-ins</h2>
      <p>Lost a device? Sign out of FocusHub on every browser and app, this one included.</p>
      <FormMessage message={formMessage(signOut.error)} />
      <button type="button" disabled={signOut.isPending} onClick={() => signOut.mutate()}>
        Sign out everywhere
      </button>
    </section>
  )
}
