export const SECTIONS = [
  "expansion",
  "viewers",
  "render",
  "layout",
  "throughput",
  "weight",
  "memory",
  "analysis",
] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchOptions {
  /** Fewer sizes, fewer repeats, shorter load: a few minutes less, and noisier. */
  quick: boolean;
  /** Rebuild client/dist even when it exists. */
  build: boolean;
  sections: Section[];
}

const isSection = (value: string): value is Section =>
  (SECTIONS as readonly string[]).includes(value);

/** `pnpm bench -- --quick expansion render`; BENCH_QUICK=1 works too. */
export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv): BenchOptions {
  const words = argv.filter((a) => a !== "--");
  const unknown = words.filter((w) => !w.startsWith("--") && !isSection(w));
  const flags = words.filter((w) => w.startsWith("--"));
  const badFlags = flags.filter((f) => !["--quick", "--build", "--help"].includes(f));
  if (flags.includes("--help") || unknown.length > 0 || badFlags.length > 0) {
    const problem = [...unknown, ...badFlags].map((w) => `unknown argument "${w}"\n`).join("");
    throw new Error(
      `${problem}usage: pnpm bench -- [--quick] [--build] [${SECTIONS.join("|")} ...]`,
    );
  }
  const chosen = words.filter(isSection);
  return {
    quick: flags.includes("--quick") || env.BENCH_QUICK === "1",
    build: flags.includes("--build"),
    sections: chosen.length > 0 ? [...new Set(chosen)] : [...SECTIONS],
  };
}
