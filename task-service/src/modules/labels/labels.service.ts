import { errors } from '@focushub/shared/errors'
import { decodeCursor, pageOf } from '@focushub/shared/http'
import type { Static } from 'typebox'
import { v7 as uuidv7 } from 'uuid'
import type { TaskContext } from '../../context.ts'
import { taskError } from '../../errors.ts'
import {
  deleteLabel as deleteLabelRow,
  findOwnLabel,
  insertLabel,
  listLabels as listLabelRows,
  lockOwnLabel,
  nameTaken,
  toLabel,
  updateLabel as updateLabelRow,
} from './labels.repository.ts'
import type { CreateLabelBody, ListLabelsQuery, UpdateLabelBody } from './labels.schemas.ts'

const labelNotFound = () => errors.notFound('No such label')
const duplicateName = () => taskError('label-name-taken', 'You already have a label with this name')

/** Turns the unique-name violation into 409; anything else passes on. */
async function uniquely<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write()
  } catch (error) {
    if (nameTaken(error)) throw duplicateName()
    throw error
  }
}

export async function createLabel(ctx: TaskContext, userId: string, body: Static<typeof CreateLabelBody>) {
  const row = await uniquely(() =>
    insertLabel(ctx.db, { id: uuidv7(), owner_id: userId, name: body.name.trim(), color: body.color ?? null }),
  )
  return toLabel(row)
}

export async function listLabels(ctx: TaskContext, userId: string, query: Static<typeof ListLabelsQuery>) {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor)
  const page = pageOf(await listLabelRows(ctx.db, userId, after, query.limit), query.limit)
  return { items: page.items.map(toLabel), nextCursor: page.nextCursor }
}

export async function getLabel(ctx: TaskContext, userId: string, labelId: string) {
  const row = await findOwnLabel(ctx.db, userId, labelId)
  if (!row) throw labelNotFound()
  return toLabel(row)
}

export async function updateLabel(
  ctx: TaskContext,
  userId: string,
  labelId: string,
  changes: Omit<Static<typeof UpdateLabelBody>, 'version'>,
  expectedVersion: number | undefined,
) {
  if (!(await findOwnLabel(ctx.db, userId, labelId))) throw labelNotFound()
  const row = await uniquely(() =>
    updateLabelRow(
      ctx.db,
      labelId,
      {
        ...(changes.name === undefined ? {} : { name: changes.name.trim() }),
        ...(changes.color === undefined ? {} : { color: changes.color }),
      },
      expectedVersion,
    ),
  )
  if (!row) throw errors.preconditionFailed('The label changed since you read it; read it again')
  return toLabel(row)
}

export async function deleteLabel(ctx: TaskContext, userId: string, labelId: string, expectedVersion?: number) {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await lockOwnLabel(trx, userId, labelId)
    if (!row) throw labelNotFound()
    if (expectedVersion !== undefined && row.version !== expectedVersion) {
      throw errors.preconditionFailed('The label changed since you read it; read it again')
    }
    await deleteLabelRow(trx, labelId)
  })
}
