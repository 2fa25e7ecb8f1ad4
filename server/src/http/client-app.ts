import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import express, { Router } from "express";
import expressStaticGzip from "express-static-gzip";
import {
  CASE_KEY_PATTERN,
  READ_AHEAD_MAX_CAP,
  READ_AHEAD_MAX_HOPS,
  rootLookupsPath,
  UUID_PATTERN,
} from "../contract";
import { answerLookup, type LookupServices } from "../services/answer-lookup";
import { canvasPreloads } from "./canvas-preload";
import { EARLY_LOOKUP_SOCKET_TAG } from "./early-lookup-socket";
import type { PageReadAheads } from "./page-read-ahead";
import { requestContext } from "./request-context";

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

/** How long a cold page load waits for the root's label before sending a generic preview. */
const PREVIEW_WAIT_MS = 1500;
/** The client's own defaults, for a case URL that names no depth or cap (DESIGN.md). */
const DEFAULT_DEPTH = 3;
const DEFAULT_CAP = 500;

/** A whole number from the query within [min, max], else the fallback. */
function wholeParam(value: unknown, min: number, max: number, fallback: number): number {
  if (typeof value !== "string" || !/^\d{1,5}$/.test(value)) return fallback;
  const n = Number(value);
  return n >= min && n <= max ? n : fallback;
}

/**
 * Serves the built client, and `index.html` for every other GET so that a shared deep link
 * works on a cold load. `/cases/<id>` gets the root case's key and title in `<title>` and
 * Open Graph tags, so a link pasted into a chat previews as what it is; without `previews`
 * (sign-in modes, unless previews are public) every page gets the generic preview.
 */
export function clientAppRouter(
  clientDir: string,
  lookups: LookupServices,
  options: {
    previews: boolean;
    pageReadAheads: PageReadAheads;
    /** Whether a visitor who is not signed in has a case page read ahead (no sign-in). */
    anonymousReadAhead: boolean;
  },
): Router {
  const { entities } = lookups;
  const router = Router();
  const indexPath = path.join(clientDir, "index.html");
  if (!existsSync(indexPath)) {
    router.get(/^(?!\/api\/).*/, (_req, res) => {
      res
        .status(503)
        .type("text/plain")
        .send(
          "The casegraph client is not built yet: run `pnpm build`, then start the server again.",
        );
    });
    return router;
  }
  const template = readFileSync(indexPath, "utf8");
  const canvasLinks = canvasPreloads(clientDir).map(
    (href) => `<link rel="modulepreload" crossorigin href="${escapeHtml(href)}" />`,
  );

  // The build compresses each asset beside it (`.br`, `.gz`): they are sent as they are, so a
  // page load costs no compression on the thread that also reads the graph ahead for it.
  // No directory redirects: serve-static builds their Location from the raw path, so
  // `/\evil.example/..` would be sent to `/\evil.example/../`, which browsers read as //evil.example.
  // express-static-gzip answers a path that does not decode in plain text; the error contract
  // says it instead.
  router.use("/assets", (req, _res, next) => {
    try {
      decodeURIComponent(req.path);
      next();
    } catch (error) {
      next(error);
    }
  });
  router.use(
    "/assets",
    expressStaticGzip(path.join(clientDir, "assets"), {
      enableBrotli: true,
      orderPreference: ["br", "gzip"],
      serveStatic: { immutable: true, maxAge: "1y", fallthrough: false, redirect: false },
    }),
  );
  router.use(express.static(clientDir, { index: false, redirect: false }));

  router.get(/^(?!\/api\/).*/, async (req, res) => {
    let title = "casegraph";
    let description = "How Datadog cases block, cause and duplicate each other.";
    const match = /^\/cases\/([^/]+)\/?$/.exec(req.path);
    const id = match?.[1];
    // A case page draws the graph: its chunk downloads alongside the shell.
    const preloads: string[] = match ? [...canvasLinks] : [];
    // Charged to the person opening the page, and dropped if they leave before it is sent.
    const ctx = requestContext(req, res, { honourNoCache: false });
    // A browser opening the page; link-preview bots send no Sec-Fetch-Dest.
    const navigation = req.get("sec-fetch-dest") === "document";
    if (id && UUID_PATTERN.test(id)) {
      // The root's links are read while the label is, so the page's preloaded lookup (below)
      // joins a read already on its way.
      // As the visitor (ctx carries who): a signed-in person warms their own cache. A browser
      // opening the page (not a link-preview bot, which sends no Sec-Fetch-Dest) has the graph
      // read ahead to the URL's depth while its JS loads, bounded by the URL's cap; with
      // sign-in, only for someone signed in, so an anonymous visitor never spends the org's keys.
      if (navigation && (options.anonymousReadAhead || req.principal)) {
        options.pageReadAheads.start({
          clientId: ctx.clientId,
          ...(req.principal ? { principal: req.principal } : {}),
          rootId: id,
          depth: wholeParam(req.query.depth, 1, READ_AHEAD_MAX_HOPS, DEFAULT_DEPTH),
          cap: wholeParam(req.query.cap, 1, READ_AHEAD_MAX_CAP, DEFAULT_CAP),
        });
      } else {
        answerLookup(lookups, { kind: "links", type: "CASE", id }, ctx, { log: false });
      }
      preloads.push(
        `<link rel="preload" as="fetch" crossorigin href="${escapeHtml(rootLookupsPath(id))}" />`,
        // The rest of the page's lookups go over the socket: it opens now, not once the JS ran.
        EARLY_LOOKUP_SOCKET_TAG,
      );
    }
    if (options.previews && id && (UUID_PATTERN.test(id) || CASE_KEY_PATTERN.test(id))) {
      // A link-preview bot waits for the case's name; a browser is not held for it (the page
      // titles itself) and gets it only when it is already known.
      const waitMs = navigation ? 0 : PREVIEW_WAIT_MS;
      const label = await Promise.race([
        entities
          .labelOf("CASE", id, ctx)
          .then((answer) => answer.value)
          .catch(() => undefined),
        new Promise<undefined>((resolve) => {
          if (waitMs === 0) setImmediate(() => resolve(undefined));
          else setTimeout(() => resolve(undefined), waitMs).unref();
        }),
      ]);
      if (label) {
        title = `${label.key ?? "Case"}: ${label.title ?? label.id} · casegraph`;
        description = `Dependency graph of ${label.key ?? "case"} ${label.title ?? ""}`.trim();
      }
    }
    const head = [
      `<title>${escapeHtml(title)}</title>`,
      `<meta property="og:title" content="${escapeHtml(title)}" />`,
      `<meta property="og:description" content="${escapeHtml(description)}" />`,
      `<meta property="og:type" content="website" />`,
      `<meta name="description" content="${escapeHtml(description)}" />`,
      ...preloads,
    ].join("\n    ");
    // A function, so that `$&` and the like in a case's title are text, not replacement patterns.
    const html = template.replace(/<title>[^<]*<\/title>/, () => head);
    res.setHeader("Cache-Control", "no-cache");
    res.type("html").send(html);
  });
  return router;
}
