import { describe, expect, it } from 'vitest'
import { send, sharedProject, signUp } from './client.ts'

describe('labels on a shared task, through NGINX', () => {
  it("each member sets only their own; the others' stay, and each member's label filter still finds the task", async () => {
    const [owner, editor] = await Promise.all([signUp(), signUp()])
    const project = await sharedProject(owner, editor)
    const label = async (who: typeof owner, name: string) =>
      (await send('POST', '/labels', { authorization: who.authorization, body: { name } })).body.id as string
    const [ownerLabel, editorLabel] = await Promise.all([label(owner, 'Mine'), label(editor, 'Yours')])
    const task = await send('POST', '/tasks', {
      authorization: owner.authorization,
      body: { title: 'Shared', projectId: project.id, labelIds: [ownerLabel] },
    })
    expect(task.status).toBe(201)
    const found = async (who: typeof owner, labelId: string) =>
      (await send('GET', `/tasks?labelId=${labelId}`, { authorization: who.authorization })).body.items.map(
        (item: { id: string }) => item.id,
      )

    const edited = await send('PATCH', `/tasks/${task.body.id}`, {
      authorization: editor.authorization,
      body: { labelIds: [editorLabel] },
    })
    expect(edited.status).toBe(200)
    expect(edited.body.labelIds).toEqual([ownerLabel, editorLabel])
    expect(await found(owner, ownerLabel)).toEqual([task.body.id])
    expect(await found(editor, editorLabel)).toEqual([task.body.id])

    const cleared = await send('PATCH', `/tasks/${task.body.id}`, {
      authorization: editor.authorization,
      body: { labelIds: [] },
    })
    expect(cleared.body.labelIds).toEqual([ownerLabel])
    expect(await found(owner, ownerLabel)).toEqual([task.body.id])
  })
})
