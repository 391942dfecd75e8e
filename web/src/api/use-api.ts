import { useCallback, useEffect, useRef, useState } from 'react';
import { live, type Topic } from './events';

export interface Loaded<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Reads through the API client, and again whenever the live feed reports a change on one of `topics`
 * (bursts coalesced into one read per 150 ms). `key` names the inputs: a new key reads at once.
 */
export function useApi<T>(load: () => Promise<T>, key: string, topics: Topic[] = []): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const loadRef = useRef(load);
  loadRef.current = load;
  const seq = useRef(0);

  const reload = useCallback(() => {
    const mine = ++seq.current;
    setLoading(true);
    loadRef.current().then(
      (d) => mine === seq.current && (setData(d), setError(null), setLoading(false)),
      (e: unknown) =>
        mine === seq.current && (setError(e instanceof Error ? e.message : String(e)), setLoading(false)),
    );
  }, []);

  useEffect(reload, [key, reload]);

  const topicKey = topics.join(',');
  useEffect(() => {
    if (!topicKey) return;
    const wanted = topicKey.split(',');
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = live.subscribe((changed) => {
      if (!changed.some((t) => wanted.includes(t)) || timer) return;
      timer = setTimeout(() => ((timer = undefined), reload()), 150);
    });
    return () => (off(), clearTimeout(timer));
  }, [topicKey, reload]);

  return { data, error, loading, reload };
}
