import { useEffect } from "react";
import { Link } from "react-router";

interface UnknownCaseProps {
  id: string;
  reason: string;
  onRetry?: (() => void) | undefined;
  /** The id is not shaped like a case id at all: no case is missing, so no talk of moved cases. */
  malformed?: boolean;
}

/** A case that cannot be shown gets a page that says so and a way back, never an empty canvas. */
export function UnknownCase({ id, reason, onRetry, malformed = false }: UnknownCaseProps) {
  const heading = malformed ? "Not a case id" : "Case not found";
  useEffect(() => {
    document.title = `${heading} · casegraph`;
  }, [heading]);
  return (
    <main className="page page--centered">
      <h1>{heading}</h1>
      <p>
        <code>{id.slice(0, 120)}</code>: {reason}
      </p>
      {!malformed && (
        <p>A case moved to another project gets a new key and id; ask for a fresh link.</p>
      )}
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
