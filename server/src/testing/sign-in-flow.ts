import { request } from "node:http";

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTP request that follows no redirect, so each hop of the sign-in can be checked. */
export function httpRequest(
  url: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    localAddress?: string;
  } = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: options.method ?? "GET",
        headers: {
          ...(options.body !== undefined
            ? { "Content-Length": String(Buffer.byteLength(options.body)) }
            : {}),
          ...options.headers,
        },
        agent: false,
        ...(options.localAddress ? { localAddress: options.localAddress } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

/** The `casegraph.sid=…` pair a response sets, if any. */
export function sessionCookie(answer: HttpAnswer): string | undefined {
  const set = answer.headers["set-cookie"] ?? [];
  for (const line of Array.isArray(set) ? set : [set]) {
    const pair = /^(casegraph\.sid=[^;]*)/.exec(line)?.[1];
    if (pair) return pair;
  }
  return undefined;
}

export interface SignedIn {
  /** The cookie to send from now on. */
  cookie: string;
  /** The cookie the browser held before the callback (fixation check). */
  cookieBefore: string;
  /** Where the callback sent the browser. */
  landedOn: string;
  /** Every answer of the round trip, to check for leaks. */
  answers: HttpAnswer[];
}

/**
 * A browser's sign-in, hop by hop: casegraph's login, the simulator's consent page (picking
 * `userName`), the callback, and where it lands.
 */
export async function signInAs(
  bffUrl: string,
  userName: string,
  returnTo = "/",
): Promise<SignedIn> {
  const answers: HttpAnswer[] = [];
  const login = await httpRequest(`${bffUrl}/auth/login?return_to=${encodeURIComponent(returnTo)}`);
  answers.push(login);
  const cookieBefore = sessionCookie(login);
  const authorizeUrl = String(login.headers.location ?? "");
  if (login.status !== 302 || !cookieBefore) throw new Error(`login answered ${login.status}`);
  const consent = await httpRequest(authorizeUrl);
  answers.push(consent);
  const form = new URLSearchParams();
  for (const [, name, value] of consent.body.matchAll(
    /<input type="hidden" name="([^"]+)" value="([^"]*)">/g,
  )) {
    form.set(name ?? "", (value ?? "").replaceAll("&amp;", "&").replaceAll("&quot;", '"'));
  }
  const userId = new RegExp(`value="([^"]+)"[^>]*> ${userName} `).exec(consent.body)?.[1];
  if (!userId) throw new Error(`the consent page offers no ${userName}`);
  form.set("user_id", userId);
  form.set("decision", "allow");
  const decided = await httpRequest(new URL("/oauth2/v1/authorize", authorizeUrl).href, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: form.toString(),
  });
  answers.push(decided);
  const callback = await httpRequest(String(decided.headers.location ?? ""), {
    headers: { Cookie: cookieBefore },
  });
  answers.push(callback);
  const cookie = sessionCookie(callback);
  if (callback.status !== 302 || !cookie)
    throw new Error(`callback answered ${callback.status}: ${callback.body}`);
  return { cookie, cookieBefore, landedOn: String(callback.headers.location ?? ""), answers };
}
