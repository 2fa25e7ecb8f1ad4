import type { SimUser } from "./scenarios/scenario";

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

/** The authorize request's parameters carried through the consent form. */
export interface ConsentRequest {
  clientId: string;
  redirectUri: string;
  state: string;
  codeChallenge: string;
  scopes: string[];
}

/** Datadog's consent page, reduced to what a test needs: who signs in, and Authorize or Deny. */
export function consentPage(request: ConsentRequest, users: readonly SimUser[]): string {
  const hidden = [
    ["client_id", request.clientId],
    ["redirect_uri", request.redirectUri],
    ["state", request.state],
    ["code_challenge", request.codeChallenge],
    ["code_challenge_method", "S256"],
    ["scope", request.scopes.join(" ")],
  ]
    .map(
      ([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value ?? "")}">`,
    )
    .join("\n      ");
  const options = users
    .map(
      (user, i) =>
        `<label><input type="radio" name="user_id" value="${escapeHtml(user.id)}"${i === 0 ? " checked" : ""}> ${escapeHtml(user.name)} &lt;${escapeHtml(user.email)}&gt;</label>`,
    )
    .join("<br>\n      ");
  const scopes = request.scopes.map((s) => `<li><code>${escapeHtml(s)}</code></li>`).join("");
  return `<!DOCTYPE html>
<html lang="en">
  <head><meta charset="utf-8"><title>Authorize casegraph · Datadog simulator</title></head>
  <body>
    <main>
      <h1>Authorize ${escapeHtml(request.clientId)}</h1>
      <p>This application asks to read on your behalf:</p>
      <ul>${scopes}</ul>
      <form method="post" action="/oauth2/v1/authorize">
      ${hidden}
      <fieldset>
      <legend>Sign in as</legend>
      ${options}
      </fieldset>
      <button type="submit" name="decision" value="allow">Authorize</button>
      <button type="submit" name="decision" value="deny">Deny</button>
      </form>
    </main>
  </body>
</html>`;
}
