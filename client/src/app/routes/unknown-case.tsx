import { useEffect } from "react";
import { Link } from "react-router";

interface UnknownCaseProps {
  id: string;
  reason: string;
  onRetry?: (() => void) | undefined;
}

/** A case that cannot be shown gets a page that says so and a way back, never an empty canvas. */
export function UnknownCase({ id, reason, onRetry }: UnknownCaseProps) {
  useEffect(() => {
    document.title = "Case not found · casegraph";
  }, []);
  return (
    <main className="page page--centered">
      <h1>Case not found</h1>
      <p>
        <code>{id.slice(0, 120)}</code>: {reason}
      </p>
      <p>A case moved to another project gets a new key and id; ask for a fresh link.</p>
      <p>
        {onRetry && (
          <>
            <button type="button" onClick={onRetry}>
              Try again
            </button>{" "}
          </>
        )}
        <Link to="/">Open another case</Link>
      </p>
    </main>
  );
}
