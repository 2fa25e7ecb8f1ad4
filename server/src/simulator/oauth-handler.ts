import type { IncomingMessage, ServerResponse } from "node:http";
import { type ConsentRequest, consentPage } from "./oauth-consent-page";
import { jsonReply, type Reply, writeReply } from "./reply";
import type { SimulatorState } from "./simulator-state";

export const OAUTH_PREFIX = "/oauth2/v1/";
export const CURRENT_USER_PATH = "/api/v2/current_user";
const MAX_FORM_BYTES = 16 * 1024;
const KNOWN_SCOPES = new Set(["cases_read", "incident_read"]);

/**
 * Datadog's OAuth2 endpoints as the docs describe them: authorize (a consent page with a user
 * picker), token (authorization code with PKCE, refresh), revoke; and the current user.
 */
export async function handleOAuthRequest(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  state: SimulatorState,
): Promise<void> {
  const route = `${req.method ?? "GET"} ${url.pathname}`;
  switch (route) {
    case "GET /oauth2/v1/authorize":
      return authorizePage(res, url.searchParams, state);
    case "POST /oauth2/v1/authorize":
      return decide(res, await readForm(req), state);
    case "POST /oauth2/v1/token":
      return writeReply(res, tokenReply(req, await readForm(req), state));
    case "POST /oauth2/v1/revoke": {
      const form = await readForm(req);
      const client = authenticate(req, form, state);
      if (!client) return writeReply(res, oauthError(401, "invalid_client"));
      state.oauth.revoke(form.get("token") ?? "", client);
      return writeReply(res, jsonReply(200, {}));
    }
    case `GET ${CURRENT_USER_PATH}`:
      return writeReply(res, currentUser(req, state));
    default:
      return writeReply(res, oauthError(404, "not_found"));
  }
}

function oauthError(status: number, error: string, description?: string): Reply {
  return jsonReply(status, { error, ...(description ? { error_description: description } : {}) });
}

function htmlError(res: ServerResponse, message: string): void {
  res.writeHead(400, { "Content-Type": "text/html; charset=utf-8" });
  res.end(`<!DOCTYPE html><title>Datadog simulator</title><p>${message}</p>`);
}

/** The parameters an authorize request must carry, or the sentence that says what is wrong. */
function consentRequest(
  params: URLSearchParams,
  state: SimulatorState,
): ConsentRequest | { problem: string } {
  const clientId = params.get("client_id") ?? "";
  const client = state.oauth.clients.get(clientId);
  if (!client) return { problem: "Unknown client_id." };
  const redirectUri = params.get("redirect_uri") ?? "";
  let redirect: URL;
  try {
    redirect = new URL(redirectUri);
  } catch {
    return { problem: "redirect_uri is not a URL." };
  }
  if (redirect.protocol !== "http:" && redirect.protocol !== "https:")
    return { problem: "redirect_uri must be http(s)." };
  if (client.redirectUris && !client.redirectUris.includes(redirectUri))
    return { problem: "redirect_uri is not registered for this client." };
  if (params.get("response_type") !== null && params.get("response_type") !== "code")
    return { problem: "response_type must be code." };
  const codeChallenge = params.get("code_challenge") ?? "";
  if (!/^[A-Za-z0-9_-]{43}$/.test(codeChallenge) || params.get("code_challenge_method") !== "S256")
    return { problem: "PKCE is required: code_challenge with code_challenge_method=S256." };
  const scopes = (params.get("scope") ?? "").split(/[\s+]+/).filter(Boolean);
  if (scopes.some((s) => !KNOWN_SCOPES.has(s))) return { problem: "Unknown scope requested." };
  return { clientId, redirectUri, state: params.get("state") ?? "", codeChallenge, scopes };
}

function authorizePage(res: ServerResponse, params: URLSearchParams, state: SimulatorState): void {
  const request = consentRequest(params, state);
  if ("problem" in request) {
    htmlError(res, request.problem);
    return;
  }
  res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
  res.end(consentPage(request, state.index.scenario.users));
}

function decide(res: ServerResponse, form: URLSearchParams, state: SimulatorState): void {
  // The form repeats the authorize request; check it again rather than trust the page.
  const request = consentRequest(new URLSearchParams([...form, ["response_type", "code"]]), state);
  if ("problem" in request) {
    htmlError(res, request.problem);
    return;
  }
  const target = new URL(request.redirectUri);
  if (request.state) target.searchParams.set("state", request.state);
  const user = state.index.findUser(form.get("user_id") ?? "");
  if (form.get("decision") !== "allow" || !user) {
    target.searchParams.set("error", "access_denied");
  } else {
    const code = state.oauth.issueCode(
      { userId: user.id, clientId: request.clientId, scopes: request.scopes },
      request.redirectUri,
      request.codeChallenge,
    );
    target.searchParams.set("code", code);
    target.searchParams.set("domain", "simulator");
  }
  res.writeHead(302, { Location: target.href, "Cache-Control": "no-store" });
  res.end();
}

function tokenReply(req: IncomingMessage, form: URLSearchParams, state: SimulatorState): Reply {
  const clientId = authenticate(req, form, state);
  if (!clientId) return oauthError(401, "invalid_client");
  switch (form.get("grant_type")) {
    case "authorization_code": {
      const tokens = state.oauth.redeemCode(
        form.get("code") ?? "",
        clientId,
        form.get("redirect_uri") ?? "",
        form.get("code_verifier") ?? "",
      );
      return tokens
        ? jsonReply(200, tokens)
        : oauthError(
            400,
            "invalid_grant",
            "The code is unknown, used, expired or its proof fails.",
          );
    }
    case "refresh_token": {
      const tokens = state.oauth.refresh(form.get("refresh_token") ?? "", clientId);
      return tokens
        ? jsonReply(200, tokens)
        : oauthError(400, "invalid_grant", "The refresh token is unknown or revoked.");
    }
    default:
      return oauthError(400, "unsupported_grant_type");
  }
}

/** client_secret_post or client_secret_basic; the client id when the secret matches. */
function authenticate(
  req: IncomingMessage,
  form: URLSearchParams,
  state: SimulatorState,
): string | undefined {
  let id = form.get("client_id") ?? "";
  let secret = form.get("client_secret") ?? "";
  const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? "")?.[1];
  if (basic) {
    const [user = "", pass = ""] = Buffer.from(basic, "base64").toString("utf8").split(":");
    id = decodeURIComponent(user);
    secret = decodeURIComponent(pass);
  }
  const client = state.oauth.clients.get(id);
  return client && client.clientSecret === secret ? id : undefined;
}

function currentUser(req: IncomingMessage, state: SimulatorState): Reply {
  const bearer = bearerToken(req);
  const grant = bearer === undefined ? undefined : state.oauth.grantOf(bearer);
  const user = grant === undefined ? undefined : state.index.findUser(grant.userId);
  if (!user) return jsonReply(401, { errors: ["Unauthorized"] });
  return jsonReply(200, {
    data: {
      type: "users",
      id: user.id,
      attributes: { name: user.name, email: user.email, handle: user.email },
    },
  });
}

/** The token of an `Authorization: Bearer …` header. */
export function bearerToken(req: IncomingMessage): string | undefined {
  return /^Bearer ([\x21-\x7e]+)$/i.exec(req.headers.authorization ?? "")?.[1];
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_FORM_BYTES) return new URLSearchParams();
    chunks.push(buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}
