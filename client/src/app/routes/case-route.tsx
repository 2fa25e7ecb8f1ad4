import { CASE_KEY_PATTERN, UUID_PATTERN } from "@casegraph/server/contract";
import { useEffect } from "react";
import { useLocation, useNavigate, useParams } from "react-router";
import { useEntity } from "../../features/graph/api/get-entity";
import { useReportOpened } from "../../features/session/report-opened";
import { ApiError } from "../../lib/api-client";
import { CaseWorkspace } from "./case-workspace";
import { UnknownCase } from "./unknown-case";

/** `/cases/:id`: a UUID opens the graph; a key is resolved and replaced by the UUID URL. */
export function CaseRoute() {
  const { id = "" } = useParams();
  if (UUID_PATTERN.test(id)) return <OpenedCase rootId={id.toLowerCase()} />;
  if (CASE_KEY_PATTERN.test(id.toUpperCase())) return <ResolveCaseKey caseKey={id.toUpperCase()} />;
  return (
    <UnknownCase
      id={id}
      reason="This is neither a case UUID nor a case key like PROJ-123."
      malformed
    />
  );
}

function OpenedCase({ rootId }: { rootId: string }) {
  useReportOpened(rootId);
  return <CaseWorkspace key={rootId} rootId={rootId} />;
}

function ResolveCaseKey({ caseKey }: { caseKey: string }) {
  const entity = useEntity("CASE", caseKey);
  const navigate = useNavigate();
  const location = useLocation();
  const uuid = entity.data?.id;

  useEffect(() => {
    // Keys change when a case moves project; the UUID does not, so that is what gets shared.
    if (uuid) navigate(`/cases/${uuid}${location.search}`, { replace: true });
  }, [uuid, navigate, location.search]);

  if (entity.error) {
    const notFound = entity.error instanceof ApiError && entity.error.status === 404;
    return (
      <UnknownCase
        id={caseKey}
        reason={notFound ? `Datadog has no case ${caseKey}.` : entity.error.message}
        onRetry={notFound ? undefined : () => entity.refetch()}
      />
    );
  }
  return (
    <main className="page page--centered" aria-busy="true">
      <p role="status">Finding case {caseKey}…</p>
    </main>
  );
}
