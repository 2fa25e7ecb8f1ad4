import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { get, type IncomingHttpHeaders } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningBff, startBff } from "../testing/start-bff";

/** An asset as the build leaves it: the file, and its brotli and gzip forms beside it. */
const SCRIPT = Buffer.from(`export const answer = "${"casegraph ".repeat(400)}";\n`);
const BROTLI = brotliCompressSync(SCRIPT);
// Not the level a server compressing on the fly would use, so the bytes tell the two apart.
const GZIP = gzipSync(SCRIPT, { level: 1 });

/** The bytes as sent, not decoded (fetch would undo the encoding). */
function fetchRaw(url: string, acceptEncoding?: string, extra: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>(
    (resolve, reject) => {
      const headers = {
        ...(acceptEncoding ? { "Accept-Encoding": acceptEncoding } : {}),
        ...extra,
      };
      get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
      }).on("error", reject);
    },
  );
}

describe("the client's assets", () => {
  let bff: RunningBff;
  let clientDir: string;
  beforeAll(async () => {
    clientDir = mkdtempSync(path.join(tmpdir(), "casegraph-assets-"));
    writeFileSync(path.join(clientDir, "index.html"), "<!doctype html><title>casegraph</title>");
    mkdirSync(path.join(clientDir, "assets"));
    writeFileSync(path.join(clientDir, "assets", "app-1.js"), SCRIPT);
    writeFileSync(path.join(clientDir, "assets", "app-1.js.br"), BROTLI);
    writeFileSync(path.join(clientDir, "assets", "app-1.js.gz"), GZIP);
    bff = await startBff({ clientDir });
  });
  afterAll(async () => {
    await bff?.close();
    rmSync(clientDir, { recursive: true, force: true });
  });

  it("are sent in the form the build compressed them to, brotli first, cacheable for good", async () => {
    const asset = await fetchRaw(`${bff.url}/assets/app-1.js`, "gzip, deflate, br");
    expect(asset.status).toBe(200);
    expect(asset.headers["content-encoding"]).toBe("br");
    expect(asset.headers["content-type"]).toMatch(/^text\/javascript|^application\/javascript/);
    expect(asset.headers.vary).toMatch(/Accept-Encoding/i);
    expect(asset.headers["cache-control"]).toMatch(/immutable/);
    expect(asset.body.equals(BROTLI)).toBe(true);
  });

  it("are sent gzipped to a client without brotli, and as they are to one that asks for neither", async () => {
    const gzipped = await fetchRaw(`${bff.url}/assets/app-1.js`, "gzip");
    expect(gzipped.headers["content-encoding"]).toBe("gzip");
    expect(gzipped.body.equals(GZIP)).toBe(true);

    const plain = await fetchRaw(`${bff.url}/assets/app-1.js`);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.equals(SCRIPT)).toBe(true);
  });

  it("answers 404 for an asset that is not there, in the error contract", async () => {
    const missing = await fetchRaw(`${bff.url}/assets/app-2.js`, "br");
    expect(missing.status).toBe(404);
    expect(missing.headers["content-encoding"]).toBeUndefined();
    expect(JSON.parse(missing.body.toString("utf8")).error.code).toBe("not_found");
  });

  it("answers a precondition that fails on a compressed asset in the error contract, not as brotli", async () => {
    const failed = await fetchRaw(`${bff.url}/assets/app-1.js`, "br", { "If-Match": '"other"' });
    expect(failed.status).toBeGreaterThanOrEqual(400);
    expect(failed.headers["content-encoding"]).toBeUndefined();
    expect(failed.headers["cache-control"]).toBeUndefined();
    expect(failed.headers["content-type"]).toMatch(/^application\/json/);
    expect(JSON.parse(failed.body.toString("utf8")).error.status).toBe(failed.status);
  });

  it("answers an asset path that does not decode in the error contract", async () => {
    const bad = await fetchRaw(`${bff.url}/assets/%E0%A4%A`, "br");
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body.toString("utf8")).error.code).toBe("bad_request");
  });
});
