import type { ApiErrorDetail, ErrorCode } from "@casegraph/server/contract";

/**
 * The plain error a node keeps when its lookup failed. Loaders normally reject with an ApiError;
 * anything else is described as a network failure so the node still says what went wrong.
 */
export function lookupError(error: unknown): ApiErrorDetail {
  if (typeof error === "object" && error !== null) {
    const { status, code, message } = error as {
      status?: unknown;
      code?: unknown;
      message?: unknown;
    };
    if (typeof status === "number" && typeof code === "string" && typeof message === "string") {
      // Client-side codes (network_error, invalid_response) are not in the contract's union yet.
      return { status, code: code as ErrorCode, message };
    }
  }
  const message = error instanceof Error && error.message ? error.message : String(error);
  return { status: 0, code: "network_error" as ErrorCode, message };
}
