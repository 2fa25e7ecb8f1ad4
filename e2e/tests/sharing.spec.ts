import { createHash } from "node:crypto";
import { expect, test } from "@playwright/test";
import { demoCase } from "../support/demo-graph";

test("a shared case link previews as the case and carries a strict Content-Security-Policy", async ({
  request,
}) => {
  const pay101 = demoCase("PAY-101");
  const response = await request.get(`/cases/${pay101.id}`);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/html");
  const html = await response.text();

  const decodeHtml = (s: string) =>
    s.replace(
      /&(amp|lt|gt|quot|#39);/g,
      (_, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[e] ?? e,
    );
  const title = decodeHtml(/<title>([^<]*)<\/title>/i.exec(html)?.[1] ?? "");
  const ogTitle = decodeHtml(
    /<meta\s+property="og:title"\s+content="([^"]*)"/i.exec(html)?.[1] ?? "",
  );
  for (const text of [title, ogTitle]) {
    expect(text).toContain("PAY-101");
    expect(text).toContain(pay101.title);
  }

  const scripts = html.match(/<script\b[^>]*>/gi) ?? [];
  expect(scripts.length, "the page loads the app with a script").toBeGreaterThan(0);

  const csp = response.headers()["content-security-policy"];
  expect(csp, "Content-Security-Policy header").toBeDefined();
  const scriptSrc = (csp ?? "")
    .split(";")
    .map((d) => d.trim())
    .find((d) => d.startsWith("script-src ") || d === "script-src");
  const effective =
    scriptSrc ??
    (csp ?? "")
      .split(";")
      .map((d) => d.trim())
      .find((d) => d.startsWith("default-src"));
  expect(effective, "script-src (or default-src) directive").toBeDefined();
  expect(effective).not.toContain("'unsafe-inline'");
  expect(effective).not.toContain("'unsafe-eval'");
  // The one inline script (the page opening its lookup socket early) runs because the policy
  // names its exact hash; any other inline script would be refused.
  const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map(
    (m) => m[1] ?? "",
  );
  expect(inline, "inline <script> elements").toHaveLength(1);
  const hashes = (effective ?? "").split(/\s+/).filter((s) => s.startsWith("'sha256-"));
  expect(hashes).toEqual([
    `'sha256-${createHash("sha256")
      .update(inline[0] ?? "")
      .digest("base64")}'`,
  ]);
});
