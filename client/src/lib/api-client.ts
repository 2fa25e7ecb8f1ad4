import {
  type ApiErrorDetail,
  apiErrorBodySchema,
  type ErrorCode,
} from "@casegraph/server/contract";

/** Codes the client adds for failures that never produced a BFF error body. */
export type ClientErrorCode = "network_error" | "invalid_response";
export type ApiErrorCode = ErrorCode | ClientErrorCode;

/** Every failure of a BFF call, whatever went wrong, ends up as one of these. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  readonly status: number;
  readonly code: ApiErrorCode;
  /** Seconds to wait before asking again, from `Retry-After` (503 and 429). */
  readonly retryAfterSec: number | undefined;

  constructor(
    detail: { status: number; code: ApiErrorCode; message: string },
    retryAfterSec?: number,
  ) {
    super(detail.message);
    this.status = detail.status;
    this.code = detail.code;
    this.retryAfterSec = retryAfterSec;
  }

  /** The plain JSON form, as the contract spells an error. */
  toDetail(): { status: number; code: ApiErrorCode; message: string } {
    return { status: this.status, code: this.code, message: this.message };
  }
}

/** Dispatched on `window` whenever the server answers 401: the sign-in may have ended. */
export const UNAUTHENTICATED_EVENT = "casegraph:unauthenticated";

export interface RequestOptions {
  signal?: AbortSignal;
  /** Defaults to the global fetch, looked up at call time so tests can stub it. */
  fetch?: typeof fetch;
}

export function getJson<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return requestJson<T>(path, { method: "GET", headers: { Accept: "application/json" } }, options);
}

export function postJson<T>(path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
  const init: RequestInit = {
    method: "POST",
    headers: { Accept: "application/json", "Content-Type": "application/json" },
    body: JSON.stringify(body),
  };
  return requestJson<T>(path, init, options);
}

async function requestJson<T>(
  path: string,
  init: RequestInit,
  options: RequestOptions,
): Promise<T> {
  const response = await fetchOk(path, init, options);
  const text = await readText(response, path, options.signal);
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError({
      status: response.status,
      code: "invalid_response",
      message: `The server's answer to ${describe(init, path)} is not valid JSON.`,
    });
  }
}

/**
 * Sends a request and returns the response only when it is a 2xx; anything else (network
 * failure, error status) is thrown as an ApiError. Aborts are rethrown as they came, since a
 * cancelled request is not a failure to report.
 */
export async function fetchOk(
  path: string,
  init: RequestInit,
  options: RequestOptions = {},
): Promise<Response> {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  let response: Response;
  try {
    response = await fetchImpl(path, { ...init, signal: options.signal ?? null });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw networkError(`${describe(init, path)} could not reach the server`, error);
  }
  if (response.status === 401) {
    // In a browser only (this module also runs in Node, in benchmarks and tests).
    const events = globalThis as unknown as { dispatchEvent?: (event: Event) => boolean };
    events.dispatchEvent?.(new Event(UNAUTHENTICATED_EVENT));
  }
  if (!response.ok) throw await errorFromResponse(response, describe(init, path));
  return response;
}

/** Turns a non-2xx response into an ApiError, whatever its body holds. */
export async function errorFromResponse(response: Response, what: string): Promise<ApiError> {
  const retryAfterSec = parseRetryAfter(response.headers.get("Retry-After"));
  let text = "";
  try {
    text = await response.text();
  } catch {
    // An unreadable body is treated like a non-JSON one below.
  }
  const detail = contractError(text);
  if (detail) return new ApiError(detail, retryAfterSec);
  const statusText = response.statusText ? ` ${response.statusText}` : "";
  return new ApiError(
    {
      status: response.status,
      code: "invalid_response",
      message: `${what} failed with HTTP ${response.status}${statusText} and an answer that is not a casegraph error.`,
    },
    retryAfterSec,
  );
}

/** Normalises anything thrown into an ApiError, for code that catches unknown errors. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError({ status: 0, code: "network_error", message: message || "Unknown error." });
}

export function networkError(what: string, cause?: unknown): ApiError {
  const reason = cause instanceof Error && cause.message ? ` (${cause.message})` : "";
  return new ApiError({
    status: 0,
    code: "network_error",
    message: `${what}${reason}. Check your connection and try again.`,
  });
}

/** `Retry-After` is either delta-seconds or an HTTP date. */
export function parseRetryAfter(
  value: string | null,
  now: number = Date.now(),
): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

function contractError(text: string): ApiErrorDetail | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = apiErrorBodySchema.safeParse(body);
  if (!parsed.success) return undefined;
  const { status, code, message } = parsed.data.error;
  // Codes are the server's to extend; an unknown one still carries a useful message.
  return { status, code: code as ErrorCode, message };
}

async function readText(response: Response, path: string, signal?: AbortSignal): Promise<string> {
  try {
    return await response.text();
  } catch (error) {
    if (signal?.aborted) throw error;
    throw networkError(`The answer from ${path} broke off`, error);
  }
}

function describe(init: RequestInit, path: string): string {
  return `${init.method ?? "GET"} ${path}`;
}
