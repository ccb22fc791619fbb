// The signed-in user's webhooks (notification-service's /webhooks) through TanStack Query. A new webhook's
// answer, and a rotation's, hold its signing secret, which the API never shows again: the screen keeps it
// until closed. Deliveries are sent by the service's worker, so an open delivery log reads itself again.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, type paths } from '../api/client.ts'
import { unwrap } from '../api/problem.ts'
import { refreshInterval } from './webhooks-text.ts'

type Json<T> = T extends { content: { 'application/json': infer Body } } ? Body : never

export type Webhook = Json<paths['/api/v1/webhooks']['get']['responses'][200]>['items'][number]
export type NewWebhook = paths['/api/v1/webhooks']['post']['requestBody']['content']['application/json']
export type WebhookEventType = NewWebhook['eventTypes'][number]
export type WebhookChange = paths['/api/v1/webhooks/{id}']['patch']['requestBody']['content']['application/json']
export type Delivery = Json<paths['/api/v1/webhooks/{id}/deliveries']['get']['responses'][200]>['items'][number]
export type DeliveryDetail = Json<paths['/api/v1/webhooks/{id}/deliveries/{deliveryId}']['get']['responses'][200]>

const webhooksKey = ['webhooks'] as const
const listKey = [...webhooksKey, 'list'] as const
const deliveriesKey = (id: string) => [...webhooksKey, id, 'deliveries'] as const
/** Deliveries a page of the log. */
const pageSize = 20

/** My webhooks, newest first (at most 20, so one page). */
export function useWebhooks() {
  return useQuery({
    queryKey: listKey,
    queryFn: async () => unwrap(await api.GET('/api/v1/webhooks', { params: { query: { limit: 50 } } })).items,
  })
}

/** Creates one; the list shows it at once (where its secret is shown) and is read again. */
export function useCreateWebhook() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (webhook: NewWebhook) => unwrap(await api.POST('/api/v1/webhooks', { body: webhook })),
    onSuccess: ({ secret: _secret, ...created }) => {
      queryClient.setQueryData<Webhook[]>(listKey, (webhooks) => [
        created,
        ...(webhooks ?? []).filter(({ id }) => id !== created.id),
      ])
      return queryClient.invalidateQueries({ queryKey: listKey })
    },
  })
}

/** Turns it off or on (or changes its URL, events, description); the list shows the answer. */
export function useChangeWebhook() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async ({ id, change }: { id: string; change: WebhookChange }) =>
      unwrap(await api.PATCH('/api/v1/webhooks/{id}', { params: { path: { id } }, body: change })),
    onSuccess: (changed) => {
      queryClient.setQueryData<Webhook[]>(listKey, (webhooks) =>
        webhooks?.map((webhook) => (webhook.id === changed.id ? changed : webhook)),
      )
      return queryClient.invalidateQueries({ queryKey: listKey })
    },
  })
}

export function useDeleteWebhook() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (id: string) => unwrap(await api.DELETE('/api/v1/webhooks/{id}', { params: { path: { id } } })),
    onSuccess: (_, id) => {
      queryClient.setQueryData<Webhook[]>(listKey, (webhooks) => webhooks?.filter((webhook) => webhook.id !== id))
      queryClient.removeQueries({ queryKey: deliveriesKey(id) })
      return queryClient.invalidateQueries({ queryKey: listKey })
    },
  })
}

/** A new signing secret, shown once; the list then says until when the one before still signs. */
export function useRotateSecret() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api.POST('/api/v1/webhooks/{id}/secret', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: listKey }),
  })
}

/** A test delivery (`webhook.ping`); the log is read again. */
export function usePing() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api.POST('/api/v1/webhooks/{id}/ping', { params: { path: { id } } })),
    onSuccess: (_, id) => queryClient.invalidateQueries({ queryKey: deliveriesKey(id) }),
  })
}

/**
 * A webhook's deliveries, newest first, `pageSize` a page; read again every few seconds while shown
 * (`refreshInterval`), as the worker sends and retries them.
 */
export function useDeliveries(id: string) {
  return useInfiniteQuery({
    queryKey: deliveriesKey(id),
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/webhooks/{id}/deliveries', {
          params: { path: { id }, query: { limit: pageSize, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    refetchInterval: (query) => refreshInterval(query.state.data?.pages.flatMap((page) => page.items) ?? []),
  })
}

/**
 * One delivery with its attempts and the body sent; keyed by the attempts and state the log shows, so
 * each change the log reads reads the attempts again.
 */
export function useDelivery(webhookId: string, delivery: Delivery) {
  return useQuery({
    queryKey: [...deliveriesKey(webhookId), delivery.id, delivery.attempts, delivery.state],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/webhooks/{id}/deliveries/{deliveryId}', {
          params: { path: { id: webhookId, deliveryId: delivery.id } },
        }),
      ),
  })
}

/** Sends a delivery again now, with the same id; the log is read again. */
export function useReplay(webhookId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (deliveryId: string) =>
      unwrap(
        await api.POST('/api/v1/webhooks/{id}/deliveries/{deliveryId}/replay', {
          params: { path: { id: webhookId, deliveryId } },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: deliveriesKey(webhookId) }),
  })
}
