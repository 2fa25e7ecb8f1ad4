import { UUID_PATTERN } from "../contract";

/**
 * The one form of an id used for cache keys and upstream calls alike: UUIDs lowercase (Datadog's
 * own form), keys as they are. Two spellings of one UUID are one entry and one call.
 */
export function canonicalId(id: string): string {
  return UUID_PATTERN.test(id) ? id.toLowerCase() : id;
}
