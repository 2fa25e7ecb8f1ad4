import { brotliCompressSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawRequest } from "../reliability/raw-http";
import { type RunningBff, startBff } from "../testing/start-bff";
import { type TempClientDir, tempClientDir } from "../testing/temp-client-dir";

/** An asset as the build leaves it: the file, and its brotli and gzip forms beside it. */
const SCRIPT = Buffer.from(`export const answer = "${"casegraph ".repeat(400)}";\n`);
const BROTLI = brotliCompressSync(SCRIPT);
// Not the level a server compressing on the fly would use, so the bytes tell the two apart.
const GZIP = gzipSync(SCRIPT, { level: 1 });

/** The bytes as sent, not decoded (fetch would undo the encoding), of `path` exactly as given. */
async function fetchRaw(
  base: string,
  path: string,
  acceptEncoding?: string,
  extra: Record<string, string> = {},
) {
  const headers = { ...(acceptEncoding ? { "Accept-Encoding": acceptEncoding } : {}), ...extra };
  const { status, headers: sent, bytes } = await rawRequest(base, { path, headers });
  return { status, headers: sent, body: bytes };
}

describe("the client's assets", () => {
  let bff: RunningBff;
  let client: TempClientDir;
  beforeAll(async () => {
    client = tempClientDir({
      "assets/app-1.js": SCRIPT,
      "assets/app-1.js.br": BROTLI,
      "assets/app-1.js.gz": GZIP,
    });
    bff = await startBff({ clientDir: client.dir });
  });
  afterAll(async () => {
    await bff?.close();
    client?.remove();
  });

  it("are sent in the form the build compressed them to, brotli first, cacheable for good", async () => {
    const asset = await fetchRaw(bff.url, "/assets/app-1.js", "gzip, deflate, br");
    expect(asset.status).toBe(200);
    expect(asset.headers["content-encoding"]).toBe("br");
    expect(asset.headers["content-type"]).toMatch(/^text\/javascript|^application\/javascript/);
    expect(asset.headers.vary).toMatch(/Accept-Encoding/i);
    expect(asset.headers["cache-control"]).toMatch(/immutable/);
    expect(asset.body.equals(BROTLI)).toBe(true);
  });

  it("are sent gzipped to a client without brotli, and as they are to one that asks for neither", async () => {
    const gzipped = await fetchRaw(bff.url, "/assets/app-1.js", "gzip");
    expect(gzipped.headers["content-encoding"]).toBe("gzip");
    expect(gzipped.body.equals(GZIP)).toBe(true);

    const plain = await fetchRaw(bff.url, "/assets/app-1.js");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.equals(SCRIPT)).toBe(true);
  });

  it("answers 404 for an asset that is not there, in the error contract", async () => {
    const missing = await fetchRaw(bff.url, "/assets/app-2.js", "br");
    expect(missing.status).toBe(404);
    expect(missing.headers["content-encoding"]).toBeUndefined();
    expect(JSON.parse(missing.body.toString("utf8")).error.code).toBe("not_found");
  });

  it("answers a precondition that fails on a compressed asset in the error contract, not as brotli", async () => {
    const failed = await fetchRaw(bff.url, "/assets/app-1.js", "br", { "If-Match": '"other"' });
    expect(failed.status).toBeGreaterThanOrEqual(400);
    expect(failed.headers["content-encoding"]).toBeUndefined();
    expect(failed.headers["cache-control"]).toBeUndefined();
    expect(failed.headers["content-type"]).toMatch(/^application\/json/);
    expect(JSON.parse(failed.body.toString("utf8")).error.status).toBe(failed.status);
  });

  it("answers an asset path that does not decode in the error contract", async () => {
    const bad = await fetchRaw(bff.url, "/assets/%E0%A4%A", "br");
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body.toString("utf8")).error.code).toBe("bad_request");
  });
});
