import { type InvalidateOptions, type InvalidateQueryFilters, QueryClient, type QueryKey } from '@tanstack/react-query'

/**
 * The app's QueryClient. An invalidation reads again what a write changed; but TanStack Query joins
 * the refetch of a query still on its first fetch to that fetch, whose answer may have been read
 * before the write (a list opened just before its first item was added kept showing it empty). So a
 * first fetch in flight, of a query on screen, is cancelled (back to loading, its answer ignored)
 * and the invalidation starts a new one. A query with data already has its fetch restarted by TanStack itself
 * (`cancelRefetch`, on by default), or kept when the caller asks for that.
 */
export class AppQueryClient extends QueryClient {
  override async invalidateQueries<TTaggedQueryKey extends QueryKey = QueryKey>(
    filters?: InvalidateQueryFilters<TTaggedQueryKey>,
    options?: InvalidateOptions,
  ): Promise<void> {
    const firstFetches = this.getQueryCache()
      .findAll(filters)
      .filter((query) => query.isActive() && query.state.fetchStatus === 'fetching' && query.state.data === undefined)
    await Promise.all(firstFetches.map((query) => query.cancel()))
    return super.invalidateQueries(filters, options)
  }
}
