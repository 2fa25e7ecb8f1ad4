import { QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { BrowserRouter, Route, Routes } from "react-router";
import { SessionBar } from "../features/session/session-bar";
import { SignedOutPage } from "../features/session/signed-out-page";
import { AppErrorBoundary } from "./app-error-boundary";
import { createQueryClient } from "./query-client";
import { CaseRoute } from "./routes/case-route";
import { LandingRoute } from "./routes/landing-route";
import { NotFoundRoute } from "./routes/not-found-route";
import { SnapshotRoute, StoredSnapshotRoute } from "./routes/snapshot-route";

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <AppErrorBoundary>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <SessionBar />
          <Routes>
            <Route path="/" element={<LandingRoute />} />
            <Route path="/cases/:id" element={<CaseRoute />} />
            <Route path="/signed-out" element={<SignedOutPage />} />
            <Route path="/snapshot" element={<SnapshotRoute />} />
            <Route path="/snapshot/:id" element={<StoredSnapshotRoute />} />
            <Route path="*" element={<NotFoundRoute />} />
          </Routes>
        </BrowserRouter>
      </QueryClientProvider>
    </AppErrorBoundary>
  );
}
