import { LOOKUPS_PATH } from "@casegraph/server/contract";
import { type BatchLoader, createBatchLoader, itemKey, type LoadOptions } from "./batch-loader";
import { takeEarlySocket } from "./early-socket";
import { preloadRootLookups } from "./preloaded-lookups";
import { createSocketLoader } from "./socket-loader";

/**
 * The page's lookups: the root's first ones from the HTML's preload, the rest over the lookup
 * socket (the one the HTML opened, on a case page), and over `POST /api/batch` while the socket
 * cannot be used.
 */
export function createLookupLoader(location: Pick<Location, "protocol" | "host" | "pathname">) {
  const socket = createSocketLoader({
    url: `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}${LOOKUPS_PATH}`,
    fallback: createBatchLoader(),
    adopt: takeEarlySocket,
  });
  const preloaded = preloadRootLookups(location.pathname);
  // The socket opens while the preloaded answers are on their way, ready for the next hop.
  if (preloaded) socket.connect();
  const servedByPreload = new Set<string>();
  let stale = new Set<string>();

  const options = (key: string, given: LoadOptions | undefined) =>
    stale.delete(key) ? { ...given, fresh: true } : given;
  const loader: BatchLoader = {
    loadLinks(ref, given) {
      const key = itemKey("links", ref.type, ref.id);
      const answer = preloaded?.take("links", ref, () => socket.loadLinks(ref, given));
      if (answer) servedByPreload.add(key);
      return (
        (answer as ReturnType<BatchLoader["loadLinks"]>) ??
        socket.loadLinks(ref, options(key, given))
      );
    },
    loadLabel(ref, given) {
      const key = itemKey("entity", ref.type, ref.id);
      const answer = preloaded?.take("entity", ref, () => socket.loadLabel(ref, given));
      if (answer) servedByPreload.add(key);
      return (
        (answer as ReturnType<BatchLoader["loadLabel"]>) ??
        socket.loadLabel(ref, options(key, given))
      );
    },
    revalidateAll() {
      stale = new Set(servedByPreload);
      socket.revalidateAll();
    },
  };
  return loader;
}

/** The loader the app uses; one per page so every component's lookups share one socket. */
export const defaultLookupLoader: BatchLoader =
  typeof window === "undefined" ? createBatchLoader() : createLookupLoader(window.location);
