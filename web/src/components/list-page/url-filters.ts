import { useMemo } from 'react';
import { useSearchParams } from 'react-router';

/** A list's filters, named as its API names them; each is a string in the URL or absent. */
export type Filters<K extends string> = Partial<Record<K, string>>;

const same = <F>(filters: F): F => filters;

/** The filters a URL holds: only the known keys, blank ones left out. */
export function readFilters<K extends string>(keys: readonly K[], params: URLSearchParams): Filters<K> {
  const filters: Filters<K> = {};
  for (const key of keys) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  return filters;
}

/** The URL of a filter set: trimmed, blank ones left out, in the keys' order (one set, one URL). */
export function writeFilters<K extends string>(keys: readonly K[], filters: Filters<K>): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of keys) {
    const value = filters[key]?.trim();
    if (value) params.set(key, value);
  }
  return params;
}

/**
 * A list's filters kept in the URL, so a filtered list can be reloaded, bookmarked and sent.
 * `normalize` gives one form to equal filter sets (a default sort left out), applied both ways.
 * A new filter set replaces the history entry: Back leaves the list instead of undoing a filter.
 * `keys` and `normalize` are module constants: new ones each render would hand the filter bar new
 * filters each render, and it would drop what is being typed.
 */
export function useUrlFilters<K extends string>(
  keys: readonly K[],
  normalize: (filters: Filters<K>) => Filters<K> = same,
): [Filters<K>, (next: Filters<K>) => void] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => normalize(readFilters(keys, params)), [keys, normalize, params]);
  const setFilters = (next: Filters<K>) => setParams(writeFilters(keys, normalize(next)), { replace: true });
  return [filters, setFilters];
}
