import { createHash } from "node:crypto";
import { EARLY_LOOKUP_SOCKET_GLOBAL, LOOKUPS_PATH } from "../contract";

/**
 * Opens the page's lookup socket while the HTML is still being parsed, and leaves it where the
 * app adopts it (`EARLY_LOOKUP_SOCKET_GLOBAL`). Opened by the app's own module instead, the
 * handshake waited for the shell to download and run, by when the server was busy reading the
 * graph ahead: in the 300/10 bench it opened 320–810 ms after navigation, and the page's lookups
 * and the server's pushes waited for it. The URL is the one the app builds from `location`, so
 * a page whose app would open another socket (another origin) simply has the app open its own.
 */
/** How long the socket waits for the app to take it. */
export const UNTAKEN_CLOSE_MS = 30_000;

const SCRIPT =
  "(() => {" +
  ` const url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "${LOOKUPS_PATH}";` +
  " try {" +
  " const early = { url, socket: new WebSocket(url), messages: [] };" +
  " early.socket.onmessage = (event) => early.messages.push(event);" +
  ` window.${EARLY_LOOKUP_SOCKET_GLOBAL} = early;` +
  // Still not taken by then, the app is not coming (its JS failed to load): the socket is closed.
  ` setTimeout(() => { if (window.${EARLY_LOOKUP_SOCKET_GLOBAL} === early) { delete window.${EARLY_LOOKUP_SOCKET_GLOBAL}; early.socket.close(); } }, ${UNTAKEN_CLOSE_MS});` +
  " } catch {}" +
  " })();";

/** The `<script>` a case page's `<head>` carries. */
export const EARLY_LOOKUP_SOCKET_TAG = `<script>${SCRIPT}</script>`;

/**
 * The script's hash as a CSP source: the Content-Security-Policy allows this one inline script
 * and no other (no `'unsafe-inline'`).
 */
export const EARLY_LOOKUP_SOCKET_CSP_SOURCE = `'sha256-${createHash("sha256").update(SCRIPT).digest("base64")}'`;
