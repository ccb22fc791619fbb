import { useMutation } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { Link } from 'wouter'
import { fieldMessage, formMessage } from '../api/problem.ts'
import { signIn, signUp } from '../api/session.ts'
import { FormMessage, TextField } from '../ui/field.tsx'

/** Sign in, or (`mode` sign-up) create an account and sign in to it. */
export function AuthScreen({ mode }: { mode: 'sign-in' | 'sign-up' }) {
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [displayName, setDisplayName] = useState('')
  const submit = useMutation({
    mutationFn: () =>
      mode === 'sign-in'
        ? signIn(email, password)
        : signUp({ email, password, displayName, timezone: Intl.DateTimeFormat().resolvedOptions().timeZone }),
  })
  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    submit.mutate()
  }
  const signingUp = mode === 'sign-up'
  return (
    <main className="auth">
      <h1>{signingUp ? 'Create your FocusHub account' : 'Sign in to FocusHub'}</h1>
      <form onSubmit={onSubmit} noValidate>
        <FormMessage message={formMessage(submit.error)} />
        {signingUp && (
          <TextField
            label="Name"
            autoComplete="name"
            value={displayName}
            onChange={(event) => setDisplayName(event.target.value)}
            error={fieldMessage(submit.error, 'displayName')}
          />
        )}
        <TextField
          label="E-mail"
          type="email"
          autoComplete="email"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={fieldMessage(submit.error, 'email')}
        />
        <TextField
          label="Password"
          type="password"
          autoComplete={signingUp ? 'new-password' : 'current-password'}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={fieldMessage(submit.error, 'password')}
        />
        <button type="submit" className="primary" disabled={submit.isPending}>
          {signingUp ? 'Sign up' : 'Sign in'}
        </button>
      </form>
      <p>
        {signingUp ? 'Already have an account? ' : 'New to FocusHub? '}
        <Link href={signingUp ? '/sign-in' : '/sign-up'}>{signingUp ? 'Sign in' : 'Create an account'}</Link>
      </p>
    </main>
  )
}
