import { useEffect, useState } from 'react';
import { graphqlRequest } from './graphql-client.ts';

/**
 * Windows open and close by the server's clock, not the visitor's: the offset between the two is measured once per
 * page load (half the round trip is added, as the answer is that old when it arrives) and every countdown uses it.
 */
let offsetPromise: Promise<number> | undefined;

export function serverClockOffset(): Promise<number> {
  offsetPromise ??= (async () => {
    const sent = Date.now();
    const { serverTime } = await graphqlRequest<{ serverTime: string }>('query ServerTime { serverTime }');
    const received = Date.now();
    return new Date(serverTime).getTime() + (received - sent) / 2 - received;
  })().catch(() => 0);
  return offsetPromise;
}

/** The server's "now" in ms, ticking every `intervalMs` (0 = no ticking). */
export function useServerNow(intervalMs = 1000): number {
  const [offset, setOffset] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let live = true;
    void serverClockOffset().then((value) => live && setOffset(value));
    const timer = intervalMs > 0 ? window.setInterval(() => setNow(Date.now()), intervalMs) : undefined;
    return () => {
      live = false;
      if (timer !== undefined) window.clearInterval(timer);
    };
  }, [intervalMs]);
  return now + offset;
}
