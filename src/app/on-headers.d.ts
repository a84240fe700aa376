// on-headers 1.x ships no types (and the @types/on-headers on npm describes another package).
declare module 'on-headers' {
  import type { ServerResponse } from 'node:http';

  /** Calls `listener` (with `this` the response) just before `res` writes its status line and headers. */
  function onHeaders<T extends ServerResponse>(res: T, listener: (this: T) => void): void;
  export = onHeaders;
}
