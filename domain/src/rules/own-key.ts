/**
 * Lookups by a key a user sent. `record[key]` would answer for '__proto__', 'constructor' or
 * 'toString' with what every object inherits; these read only what the record itself holds.
 */

/** The value a table holds under its own key, or undefined (never an inherited member). */
export function ownValue<V>(record: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Whether the key is one of the table's own keys (an enumeration's value, not an inherited name). */
export function isOwnKey<T extends object>(record: T, key: string): key is Extract<keyof T, string> {
  return Object.hasOwn(record, key);
}

/** A property of parsed JSON the value itself holds; undefined for a non-object or an inherited name. */
export function ownField(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null) return undefined;
  return Object.getOwnPropertyDescriptor(value, key)?.value;
}
