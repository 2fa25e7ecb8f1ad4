import { createHash } from "node:crypto";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EARLY_LOOKUP_SOCKET_GLOBAL, LOOKUPS_PATH } from "../contract";
import { demoScenario } from "../simulator";
import { type RunningBff, startBff } from "../testing/start-bff";
import { type TempClientDir, tempClientDir } from "../testing/temp-client-dir";
import { UNTAKEN_CLOSE_MS } from "./early-lookup-socket";

const root = demoScenario.roots[0];
if (!root) throw new Error("the demo scenario needs a root");
const casePage = `/cases/${root.id}`;

const inlineScripts = (html: string) =>
  [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => m[1] ?? "");
const scriptSrcOf = (res: Response) =>
  /script-src ([^;]*)/.exec(res.headers.get("content-security-policy") ?? "")?.[1] ?? "";

describe("the lookup socket a case page opens before its JS runs", () => {
  let bff: RunningBff;
  let client: TempClientDir;
  beforeAll(async () => {
    client = tempClientDir();
    bff = await startBff({ clientDir: client.dir });
  });
  afterAll(async () => {
    await bff?.close();
    client?.remove();
  });

  it("is one inline script, the only one the Content-Security-Policy lets run (by its hash)", async () => {
    const res = await fetch(`${bff.url}${casePage}`);
    const scripts = inlineScripts(await res.text());
    expect(scripts).toHaveLength(1);
    const hash = createHash("sha256")
      .update(scripts[0] ?? "")
      .digest("base64");
    const sources = scriptSrcOf(res).split(/\s+/);
    expect(sources).toContain(`'sha256-${hash}'`);
    expect(sources.filter((s) => s.startsWith("'sha256-"))).toHaveLength(1);
    expect(scriptSrcOf(res)).not.toMatch(/unsafe-inline|unsafe-eval/);
  });

  it("is left out of pages that look nothing up: the landing page and a case id that is no UUID", async () => {
    for (const path of ["/", "/cases/not-a-case"]) {
      const res = await fetch(`${bff.url}${path}`);
      expect(inlineScripts(await res.text()), path).toEqual([]);
    }
  });

  /**
   * Runs the script a case page is served, as a browser would, with `WebSocket` and `setTimeout`
   * given; answers the `window` it left things on.
   */
  async function runServedScript(globals: {
    protocol?: string;
    WebSocket: unknown;
    setTimeout?: (run: () => void, ms: number) => unknown;
  }): Promise<Record<string, unknown>> {
    const [script] = inlineScripts(await (await fetch(`${bff.url}${casePage}`)).text());
    const window: Record<string, unknown> = {};
    runInNewContext(script ?? "", {
      window,
      location: { protocol: globals.protocol ?? "http:", host: "casegraph.example:8443" },
      WebSocket: globals.WebSocket,
      setTimeout: globals.setTimeout ?? (() => {}),
    });
    return window;
  }

  it("opens the socket the app would, and keeps what it receives until the app takes it", async () => {
    const opened: string[] = [];
    class RecordingSocket {
      onmessage: ((event: unknown) => void) | null = null;
      constructor(url: string) {
        opened.push(url);
      }
    }
    for (const [protocol, scheme] of [
      ["https:", "wss:"],
      ["http:", "ws:"],
    ] as const) {
      const window = await runServedScript({ protocol, WebSocket: RecordingSocket });
      const early = window[EARLY_LOOKUP_SOCKET_GLOBAL] as {
        url: string;
        socket: RecordingSocket;
        messages: unknown[];
      };
      expect(early.url).toBe(`${scheme}//casegraph.example:8443${LOOKUPS_PATH}`);
      early.socket.onmessage?.({ data: "a line" });
      expect(early.messages).toEqual([{ data: "a line" }]);
    }
    expect(opened).toHaveLength(2);
  });

  it("closes the socket if the app has not taken it within 30 s, and leaves a taken one alone", async () => {
    for (const taken of [false, true]) {
      const timers: Array<{ run: () => void; ms: number }> = [];
      let closed = 0;
      const window = await runServedScript({
        WebSocket: class {
          close() {
            closed += 1;
          }
        },
        setTimeout: (run, ms) => timers.push({ run, ms }),
      });
      expect(timers.map((t) => t.ms)).toEqual([UNTAKEN_CLOSE_MS]);
      if (taken) delete window[EARLY_LOOKUP_SOCKET_GLOBAL];
      for (const timer of timers) timer.run();
      expect(closed, taken ? "taken" : "untaken").toBe(taken ? 0 : 1);
      expect(window[EARLY_LOOKUP_SOCKET_GLOBAL]).toBeUndefined();
    }
  });

  it("leaves the app to open its own socket where the browser refuses to open one", async () => {
    const window = await runServedScript({
      WebSocket: class {
        constructor() {
          throw new Error("refused by the page's policy");
        }
      },
    });
    expect(window[EARLY_LOOKUP_SOCKET_GLOBAL]).toBeUndefined();
  });
});
