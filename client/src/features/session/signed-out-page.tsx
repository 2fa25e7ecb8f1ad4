/** Where Sign out lands: nothing of the org is shown, and a way back in. */
export function SignedOutPage() {
  return (
    <main className="page page--centered">
      <h1>You are signed out</h1>
      <p>casegraph no longer holds your Datadog sign-in.</p>
      <p>
        <a href="/auth/login?return_to=%2F">Sign in again</a>
      </p>
    </main>
  );
}
