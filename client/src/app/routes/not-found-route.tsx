import { Link } from "react-router";

export function NotFoundRoute() {
  return (
    <main className="page page--centered">
      <h1>Nothing here</h1>
      <p>casegraph shows cases at addresses like /cases/PROJ-123.</p>
      <p>
        <Link to="/">Open a case</Link>
      </p>
    </main>
  );
}
