import { type ComponentProps, type ReactNode, useId } from 'react'

/** A labelled control with the API's message for it (problem+json `errors[]`) right under it. */
export function Field({
  label,
  error,
  children,
}: {
  label: string
  error?: string
  children: (control: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode
}) {
  const id = useId()
  const errorId = `${id}-error`
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': error ? errorId : undefined })}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  )
}

export function TextField({ label, error, ...input }: { label: string; error?: string } & ComponentProps<'input'>) {
  return (
    <Field label={label} error={error}>
      {(control) => <input {...control} {...input} />}
    </Field>
  )
}

/** The form's own message: a problem that names no field, or a failure to reach the API. */
export function FormMessage({ message }: { message?: string }) {
  if (!message) return null
  return (
    <p className="form-error" role="alert">
      {message}
    </p>
  )
}
