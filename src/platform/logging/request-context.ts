import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestContextStore {
  requestId: string;
}

/** The request being served, for log lines written anywhere below it. */
export const requestContext = new AsyncLocalStorage<RequestContextStore>();
