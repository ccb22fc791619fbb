/** An RFC 9457 problem, as every FocusHub error answers (DESIGN.md §3). */
export interface Problem {
  type: string
  title: string
  status: number
  detail: string
  code?: string
  requestId?: string
  errors?: { field: string; message: string }[]
  /** Extension members (RFC 9457 §3.2): what a problem says beyond its detail, e.g. `already-in-room`'s `roomId`. */
  [member: string]: unknown
}

/** A failed call, thrown by `unwrap` so TanStack Query sees it as the query's or mutation's error. */
export class ProblemError extends Error {
  constructor(
    readonly problem: Problem,
    /** The answer's Retry-After, in seconds (429, 503). */
    readonly retryAfter?: number,
  ) {
    super(problem.detail || problem.title)
  }

  /** The message the API gave for one body field (its errors[] name `/body/<field>`), if any. */
  fieldMessage(field: string) {
    return this.problem.errors?.find((error) => error.field.replace(/^\/body\//, '') === field)?.message
  }

  /** True when errors[] names a field; else the detail is the form's own message. */
  get namesFields() {
    return (this.problem.errors?.length ?? 0) > 0
  }
}

/** An openapi-fetch result's data, or its problem thrown. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || !result.response.ok) {
    // A problem's JSON, or whatever else the answer held (text, nothing): only an object has members to keep.
    const error =
      typeof result.error === 'object' && result.error !== null ? (result.error as Partial<Problem>) : undefined
    const retryAfter = Number(result.response.headers.get('retry-after')) || undefined
    throw new ProblemError(
      {
        ...error,
        type: error?.type ?? 'about:blank',
        title: error?.title ?? result.response.statusText,
        status: result.response.status,
        detail: error?.detail ?? `The server answered ${result.response.status}.`,
        code: error?.code,
        requestId: error?.requestId,
        errors: error?.errors,
      },
      retryAfter,
    )
  }
  return result.data as T
}

export const fieldMessage = (error: unknown, field: string) =>
  error instanceof ProblemError ? error.fieldMessage(field) : undefined

/** What to show above a form: the detail of a problem that names no field, or of any other failure. */
export function formMessage(error: unknown) {
  if (!error) return undefined
  if (error instanceof ProblemError) return error.namesFields ? undefined : error.message
  return 'FocusHub could not be reached. Check your connection and try again.'
}
