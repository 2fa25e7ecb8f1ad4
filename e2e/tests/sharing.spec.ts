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
  const inline = scripts.filter((tag) => !/\ssrc=/i.test(tag));
  expect(inline, "inline <script> elements").toEqual([]);

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
});
