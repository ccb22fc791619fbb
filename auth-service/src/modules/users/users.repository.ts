import type { AccountStatus, Role } from '@focushub/shared/auth'
import { type Kysely, sql, type Updateable } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { UserRow, UsersTable } from '../../db/tables/users.ts'
import type { Database } from '../../db/tables.ts'

export interface NewUser {
  email: string
  displayName: string
  passwordHash: string
  role: Role
  timezone: string
  dayStartHour: number
}

export const emailTaken = (error: unknown) =>
  (error as { code?: string; constraint?: string }).code === '23505' &&
  (error as { constraint?: string }).constraint === 'users_email_lower_key'

/** The row of a new, active account. */
const userRowOf = (user: NewUser) => ({
  id: uuidv7(),
  email: user.email,
  display_name: user.displayName,
  password_hash: user.passwordHash,
  role: user.role,
  status: 'active' as const,
  timezone: user.timezone,
  day_start_hour: user.dayStartHour,
})

export async function insertUser(db: Kysely<Database>, user: NewUser): Promise<UserRow> {
  return db.insertInto('users').values(userRowOf(user)).returningAll().executeTakeFirstOrThrow()
}

/** Inserts the user unless an account has that e-mail already (then undefined): safe for replicas racing. */
export const insertUserUnlessEmailTaken = (db: Kysely<Database>, user: NewUser) =>
  db
    .insertInto('users')
    .values(userRowOf(user))
    .onConflict((conflict) => conflict.expression(sql`lower(email)`).doNothing())
    .returningAll()
    .executeTakeFirst()

export const findUserById = (db: Kysely<Database>, id: string) =>
  db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()

export const findUserByEmail = (db: Kysely<Database>, email: string) =>
  db.selectFrom('users').selectAll().where(sql<string>`lower(email)`, '=', email.toLowerCase()).executeTakeFirst()

/** The user, locked until the transaction ends. */
export const lockUser = (trx: Kysely<Database>, id: string) =>
  trx.selectFrom('users').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()

/** Updates and bumps the version; with `expectedVersion`, only if the row still has it. */
export async function updateUser(
  db: Kysely<Database>,
  id: string,
  changes: Updateable<UsersTable>,
  expectedVersion?: number,
): Promise<UserRow | undefined> {
  let query = db
    .updateTable('users')
    .set({ ...changes, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
  if (expectedVersion !== undefined) query = query.where('version', '=', expectedVersion)
  return query.returningAll().executeTakeFirst()
}

/** Locks the active admins' rows until the transaction ends, so "last admin" checks cannot race. */
export async function lockActiveAdmins(trx: Kysely<Database>): Promise<string[]> {
  const rows = await trx
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'admin')
    .where('status', '=', 'active')
    .orderBy('id')
    .forUpdate()
    .execute()
  return rows.map((row) => row.id)
}

export interface UserFilter {
  search?: string
  role?: Role
  status?: AccountStatus
  before?: string
  limit: number
}

const likePrefix = (text: string) => `${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`

/** Newest first; `search` is a case-insensitive prefix of the e-mail or the display name. */
export async function listUsers(db: Kysely<Database>, filter: UserFilter): Promise<UserRow[]> {
  let query = db
    .selectFrom('users')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(filter.limit + 1)
  if (filter.search) {
    const prefix = likePrefix(filter.search)
    query = query.where((eb) =>
      eb.or([eb(sql`lower(email)`, 'like', prefix), eb(sql`lower(display_name)`, 'like', prefix)]),
    )
  }
  if (filter.role) query = query.where('role', '=', filter.role)
  if (filter.status) query = query.where('status', '=', filter.status)
  if (filter.before) query = query.where('id', '<', filter.before)
  return query.execute()
}
