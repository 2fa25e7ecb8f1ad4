import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { fetchOk, UNAUTHENTICATED_EVENT } from "../../lib/api-client";
import { sessionKeys, signInHref, useSession } from "./get-session";
import "./session-bar.css";

/**
 * Who is signed in, and Sign out; when a sign-in ends mid-incident, a notice with a way to sign
 * in again that comes back to this very view (the view lives in the URL). Nothing in `none` mode.
 */
export function SessionBar() {
  const session = useSession();
  const queryClient = useQueryClient();
  const [signingOut, setSigningOut] = useState(false);
  const data = session.data;
  const signedOut = data?.mode === "datadog" && !data.user;

  const everSignedIn = useRef(false);
  if (data?.user) everSignedIn.current = true;

  useEffect(() => {
    // A page opened without a session (public previews serve it) goes straight to sign in; a
    // sign-in that ends while the page is open asks first, below, so nothing is lost unasked.
    if (signedOut && !everSignedIn.current && window.location.pathname !== "/signed-out")
      window.location.assign(signInHref(data));
  }, [signedOut, data]);

  useEffect(() => {
    // Any answer of 401 means the sign-in may have ended: check now rather than at the next poll.
    const recheck = () => void queryClient.invalidateQueries({ queryKey: sessionKeys.all });
    window.addEventListener(UNAUTHENTICATED_EVENT, recheck);
    return () => window.removeEventListener(UNAUTHENTICATED_EVENT, recheck);
  }, [queryClient]);

  if (!data || data.mode === "none") return null;

  if (signedOut) {
    return (
      <div className="session-bar session-bar--ended" role="alert">
        Your Datadog sign-in has ended. <a href={signInHref(data)}>Sign in again</a> to carry on
        with this view.
      </div>
    );
  }

  const who = data.user?.name ?? data.user?.email ?? "someone";
  const signOut = async () => {
    setSigningOut(true);
    try {
      await fetchOk("/auth/logout", { method: "POST" });
    } finally {
      queryClient.removeQueries();
      window.location.assign("/signed-out");
    }
  };
  return (
    <aside className="session-bar" aria-label="Session">
      <span>
        Signed in as <strong>{who}</strong>
      </span>
      {data.mode === "datadog" && (
        <button type="button" onClick={signOut} disabled={signingOut}>
          Sign out
        </button>
      )}
    </aside>
  );
}
