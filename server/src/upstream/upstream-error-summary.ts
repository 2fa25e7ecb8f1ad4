/**
 * A short, loggable summary of a Datadog error body. Datadog sends both
 * `{"errors":["Bad Request"]}` and `{"errors":[{"code","title","detail","status"}]}`; the summary
 * goes to logs only, never to a response, and is cut short so a large body cannot flood them.
 */
const MAX_SUMMARY = 200;

export function upstreamErrorSummary(body: unknown): string | undefined {
  const parsed = typeof body === "string" ? parseJson(body) : body;
  if (typeof parsed !== "object" || parsed === null) return undefined;
  const errors = (parsed as { errors?: unknown }).errors;
  if (!Array.isArray(errors)) return undefined;
  const parts = errors.map(describeItem).filter((part): part is string => Boolean(part));
  if (parts.length === 0) return undefined;
  const summary = parts.join("; ");
  return summary.length > MAX_SUMMARY ? `${summary.slice(0, MAX_SUMMARY - 1)}…` : summary;
}

function describeItem(item: unknown): string | undefined {
  if (typeof item === "string") return item;
  if (typeof item !== "object" || item === null) return undefined;
  const { code, title, detail, status } = item as Record<string, unknown>;
  const words = [status, code, title, detail].filter(
    (w): w is string | number => typeof w === "string" || typeof w === "number",
  );
  return words.length > 0 ? words.join(" ") : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
