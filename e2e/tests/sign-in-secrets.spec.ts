import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { expect, test } from "@playwright/test";
import { demoCase } from "../support/demo-graph";
import {
  consentAs,
  expireTokensAndRefresh,
  type SignInServer,
  startSignInServer,
} from "../support/sign-in-server";
import { waitForSettled } from "../support/workspace";

const builtClient = fileURLToPath(new URL("../../client/dist", import.meta.url));
const pay101 = demoCase("PAY-101");

/**
 * What a signed-in person's secrets look like: the simulator's access and refresh tokens and
 * authorization codes, the demo OAuth client's secret, and the names of the token fields. None
 * of it may reach the browser: tokens live in the server's session store only.
 */
const SECRET_SHAPES =
  /dd_(at|rt)_[A-Za-z0-9_-]{8,}|code_[A-Za-z0-9_-]{32}|casegraph-demo-secret|access_token|refresh_token/;

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full) : [full];
  });
}

/** A built file's text as a browser gets it: the `.br` and `.gz` copies beside it decoded. */
function asServed(file: string): string {
  const bytes = readFileSync(file);
  if (file.endsWith(".br")) return brotliDecompressSync(bytes).toString("utf8");
  if (file.endsWith(".gz")) return gunzipSync(bytes).toString("utf8");
  return bytes.toString("utf8");
}

let server: SignInServer;
test.beforeAll(async () => {
  server = await startSignInServer();
});
test.afterAll(async () => {
  await server?.stop();
});

test("the built client holds no token, client secret or session cookie name, and never handles token fields", () => {
  const files = listFiles(builtClient);
  expect(files.some((f) => f.endsWith(".js"))).toBe(true);
  for (const file of files) {
    const text = asServed(file);
    expect(text, file).not.toMatch(SECRET_SHAPES);
    expect(text, file).not.toContain("casegraph.sid");
  }
});

test("after signing in, renewing and browsing, no token or session id reached the page: responses, storage or script-readable cookies", async ({
  page,
  context,
}) => {
  const seen: string[] = [];
  page.on("response", async (response) => {
    if (!response.url().startsWith(server.url)) return;
    // Set-Cookie is how the opaque, HttpOnly session cookie itself is delivered.
    const { "set-cookie": _cookie, ...headers } = await response.allHeaders();
    // Redirects and aborted loads have no body to read.
    const body = await response.text().catch(() => "");
    // Not the URL: the callback's address carries the one-time code by OAuth's design.
    seen.push(`${JSON.stringify(headers)}\n${body}`);
  });
  page.on("websocket", (socket) => {
    socket.on("framereceived", ({ payload }) => seen.push(String(payload)));
  });

  const shared = `/cases/${pay101.id}?depth=3`;
  await page.goto(`${server.url}${shared}`);
  await consentAs(page, "Priya Raman");
  await expect(page).toHaveURL(`${server.url}${shared}`);
  await waitForSettled(page);

  // A renewal mid-view: the server swaps tokens; the page must still see none of them.
  expect(await expireTokensAndRefresh(page, server)).toBeGreaterThan(0);
  await expect(page.getByRole("complementary", { name: "Session" })).toContainText("Priya Raman");

  const session = (await context.cookies(server.url)).find((c) => c.name === "casegraph.sid");
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe("Lax");
  // express-session's cookie is "s:<id>.<signature>"; the id is what must not leak.
  const sessionId = /^s:([^.]+)\./.exec(decodeURIComponent(session?.value ?? ""))?.[1] ?? "";
  expect(sessionId.length).toBeGreaterThan(16);

  const stored = await page.evaluate(() => ({
    cookie: document.cookie,
    local: JSON.stringify({ ...localStorage }),
    session: JSON.stringify({ ...sessionStorage }),
  }));
  expect(stored.cookie).not.toContain("casegraph.sid");

  // The page's own answers: the session, config, lookups, preload and HTML.
  expect(seen.length).toBeGreaterThan(5);
  for (const text of [...seen, stored.cookie, stored.local, stored.session]) {
    expect(text).not.toMatch(SECRET_SHAPES);
    expect(text).not.toContain(sessionId);
  }
});
