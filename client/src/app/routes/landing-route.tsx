import { useEffect, useState } from "react";
import { useConfig } from "../../features/graph/api/get-config";
import { LandingPage } from "../../features/landing/landing-page";
import { readRecentRoots } from "../../lib/recent-roots";

export function LandingRoute() {
  const config = useConfig();
  const [recentRoots] = useState(readRecentRoots);
  useEffect(() => {
    document.title = "casegraph";
  }, []);
  return (
    <LandingPage
      mode={config.data?.mode}
      demoRoots={config.data?.demo?.roots ?? []}
      recentRoots={recentRoots}
    />
  );
}
