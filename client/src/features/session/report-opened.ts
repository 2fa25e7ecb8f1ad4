import { useEffect } from "react";
import { fetchOk } from "../../lib/api-client";

/** Tells the server which root this person opened, for its audit trail; failure is harmless. */
export function useReportOpened(rootId: string): void {
  useEffect(() => {
    void fetchOk("/api/opened", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ type: "CASE", id: rootId }),
    }).catch(() => undefined);
  }, [rootId]);
}
