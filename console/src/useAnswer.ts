import { useCallback, useEffect, useState } from 'react';
import type { Hub, HubAnswer } from './hub.ts';

/**
 * Asks the hub when the component shows and whenever the variables change; `reload` asks again (after a
 * decision changed what it answers). An answer that arrives after a newer question is dropped.
 */
export function useAnswer<T>(
  hub: Hub,
  query: string,
  variables: Record<string, unknown> = {},
): { answer: HubAnswer<T> | undefined; reload: () => void } {
  const [answer, setAnswer] = useState<HubAnswer<T>>();
  const [asked, setAsked] = useState(0);
  const key = JSON.stringify(variables);
  useEffect(() => {
    let current = true;
    setAnswer(undefined);
    void hub.ask<T>(query, JSON.parse(key) as Record<string, unknown>).then((next) => {
      if (current) setAnswer(next);
    });
    return () => {
      current = false;
    };
  }, [hub, query, key, asked]);
  const reload = useCallback(() => setAsked((count) => count + 1), []);
  return { answer, reload };
}
