import { CASE_KEY_PATTERN, type DemoRoot, UUID_PATTERN } from "@casegraph/server/contract";
import { type FormEvent, useId, useState } from "react";
import { Link, useNavigate } from "react-router";
import type { RecentRoot } from "../../lib/recent-roots";
import "./landing-page.css";

interface LandingPageProps {
  demoRoots: DemoRoot[];
  recentRoots: RecentRoot[];
  mode: "live" | "demo" | undefined;
}

export function LandingPage({ demoRoots, recentRoots, mode }: LandingPageProps) {
  const navigate = useNavigate();
  const inputId = useId();
  const errorId = useId();
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const id = value.trim();
    if (!UUID_PATTERN.test(id) && !CASE_KEY_PATTERN.test(id.toUpperCase())) {
      setError("Enter a case UUID or a case key like PROJ-123.");
      return;
    }
    navigate(
      `/cases/${encodeURIComponent(UUID_PATTERN.test(id) ? id.toLowerCase() : id.toUpperCase())}`,
    );
  };

  return (
    <main className="landing">
      <header className="landing__header">
        <h1 className="landing__title">casegraph</h1>
        <p className="landing__tagline">
          See what blocks, causes and duplicates a Datadog case, and in which order to clear it.
        </p>
      </header>
      {mode === "demo" && (
        <p className="banner banner--demo" role="status">
          Demo mode: the cases below come from a built-in simulated incident, not from Datadog.
        </p>
      )}
      <form className="landing__form" onSubmit={submit} noValidate>
        <label htmlFor={inputId}>Case UUID or key</label>
        <div className="landing__row">
          <input
            id={inputId}
            name="case"
            value={value}
            placeholder="PROJ-123"
            autoComplete="off"
            spellCheck={false}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            onChange={(e) => {
              setValue(e.target.value);
              setError(null);
            }}
          />
          <button type="submit">Open graph</button>
        </div>
        {error && (
          <p id={errorId} className="landing__error" role="alert">
            {error}
          </p>
        )}
      </form>
      {demoRoots.length > 0 && (
        <section aria-labelledby="demo-roots" className="landing__section">
          <h2 id="demo-roots">Demo cases to start with</h2>
          <ul className="landing__list">
            {demoRoots.map((root) => (
              <li key={root.id}>
                <Link to={`/cases/${root.id}`}>
                  <span className="landing__key">{root.key}</span> {root.title}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="recent-roots" className="landing__section">
        <h2 id="recent-roots">Recently opened</h2>
        {recentRoots.length === 0 ? (
          <p className="landing__empty">Cases you open appear here (kept in this browser only).</p>
        ) : (
          <ul className="landing__list">
            {recentRoots.map((root) => (
              <li key={root.id}>
                <Link to={`/cases/${root.id}`}>
                  <span className="landing__key">{root.key ?? root.id.slice(0, 8)}</span>{" "}
                  {root.title ?? ""}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
