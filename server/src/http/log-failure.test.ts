import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { createLogger } from "../logger";
import { logLookupFailure } from "./log-failure";
import { createLogSampler } from "./log-sampler";

function collectingLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });
  return { logger: createLogger("info", destination), lines };
}

const busy = () => new AppError(503, "server_busy", "The lookup could not start in time.");

describe("logLookupFailure", () => {
  it("logs a client's repeated identical failure once per window", () => {
    const { logger, lines } = collectingLogger();
    const sampling = { sampler: createLogSampler(60_000), clientId: "127.0.0.1" };
    for (let i = 0; i < 500; i++) logLookupFailure(logger, busy(), `links of CASE ${i}`, sampling);
    expect(lines).toHaveLength(1);
    // Another client's failure is its own line.
    logLookupFailure(logger, busy(), "links of CASE x", { ...sampling, clientId: "127.0.0.2" });
    expect(lines).toHaveLength(2);
  });

  it("logs every failure when no sampler is given", () => {
    const { logger, lines } = collectingLogger();
    for (let i = 0; i < 3; i++) logLookupFailure(logger, busy(), `links of CASE ${i}`);
    expect(lines).toHaveLength(3);
  });
});
