import type { IncomingMessage } from "node:http";

/** Express's compiled `trust proxy` setting (`app.get("trust proxy fn")`). */
export type TrustFn = (address: string, hop: number) => boolean;

/**
 * The client's address as Express's `req.ip` gives it, for requests that never pass Express
 * (WebSocket upgrades): walking `X-Forwarded-For` from the nearest hop while each is trusted.
 */
export function clientAddress(req: IncomingMessage, trust: TrustFn | undefined): string {
  const remote = req.socket.remoteAddress ?? "";
  const forwarded = req.headers["x-forwarded-for"];
  if (!trust || !forwarded) return remote;
  const hops = [
    remote,
    ...String(forwarded)
      .split(",")
      .map((a) => a.trim())
      .filter(Boolean)
      .reverse(),
  ];
  let i = 0;
  while (i < hops.length - 1 && trust(hops[i] ?? "", i)) i++;
  return hops[i] ?? remote;
}
