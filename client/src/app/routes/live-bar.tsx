import { useConfig } from "../../features/graph/api/get-config";
import { AllClearBanner, NotifyButton } from "../../features/live/all-clear-banner";
import { ChangesStrip } from "../../features/live/changes-strip";
import { FrozenBanner } from "../../features/snapshot/frozen-banner";
import { SnapshotLinkButton } from "../../features/snapshot/snapshot-link-button";
import type { GraphSnapshot, NodeKey } from "../../lib/graph-types";
import type { useLiveView } from "./use-live-view";

export interface LiveBarProps {
  live: ReturnType<typeof useLiveView>;
  interval: number | null;
  snapshot: GraphSnapshot;
  rootName: string;
  /** Set when the page shows a snapshot link instead of the live graph. */
  frozen: { asOf: string; liveHref: string } | null;
  nameOf(key: NodeKey): string;
  onSelect(key: NodeKey): void;
}

/** Above the canvas: the frozen-link banner, or what changed, how fresh it is and all-clear. */
export function LiveBar({
  live,
  interval,
  snapshot,
  rootName,
  frozen,
  nameOf,
  onSelect,
}: LiveBarProps) {
  const config = useConfig();
  if (frozen) {
    return (
      <div className="live-bar">
        <FrozenBanner asOf={frozen.asOf} liveHref={frozen.liveHref} />
      </div>
    );
  }
  return (
    <div className="live-bar">
      <AllClearBanner clearedAt={live.allClearAt} rootName={rootName} />
      <div className="live-bar__row">
        <ChangesStrip
          live={interval}
          readings={live.readings}
          since={live.since}
          onSinceChange={live.setSince}
          summary={live.summary}
          updatedAt={live.updatedAt}
          staleAsOf={live.staleAsOf}
          nameOf={nameOf}
          onSelect={onSelect}
        />
        <NotifyButton rootName={rootName} />
        <SnapshotLinkButton
          snapshot={snapshot}
          asOf={live.updatedAt}
          form={config.data?.snapshots ?? "fragment"}
        />
      </div>
    </div>
  );
}
