/** Page numbers and sizes for lists read in huge type. */
import type { PageInfo } from '../../contracts/inquiry';

/** Lines per page when the terminal does not say: what fits a 1080-pixel screen in huge type. */
export const DEFAULT_PAGE_SIZE = 6;

/** Offset and limit of a requested page. */
export interface PageRequest {
  page: number;
  pageSize: number;
  offset: number;
}

export function pageRequest(query: { page?: number | undefined; pageSize?: number | undefined }): PageRequest {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
  return { page, pageSize, offset: (page - 1) * pageSize };
}

export function pageInfo(request: PageRequest, total: number): PageInfo {
  return { page: request.page, pageSize: request.pageSize, total, pageCount: Math.ceil(total / request.pageSize) };
}

/** One page of an in-memory list. */
export function pageOf<T>(items: readonly T[], request: PageRequest): { items: T[]; pageInfo: PageInfo } {
  return {
    items: items.slice(request.offset, request.offset + request.pageSize),
    pageInfo: pageInfo(request, items.length),
  };
}
