import type { RequestHandler } from "express";
import { AppError } from "../errors";

export function methodNotAllowed(...allowed: string[]): RequestHandler {
  return (req, res) => {
    res.setHeader(
      "Allow",
      allowed.includes("GET") ? [...allowed, "HEAD"].join(", ") : allowed.join(", "),
    );
    throw new AppError(
      405,
      "method_not_allowed",
      `${req.method} is not allowed here; use ${allowed.join(" or ")}.`,
    );
  };
}
