/** A page of results. `next_page_token` is opaque to callers and absent on the last page. */
export interface PagedList<T> {
  items: T[];
  next_page_token?: string;
}
