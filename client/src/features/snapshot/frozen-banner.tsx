import { clockTime, shortDate } from "../../lib/clock-time";

export interface FrozenBannerProps {
  asOf: string;
  /** The same view, live. */
  liveHref: string;
}

/** Says plainly that this is a picture of the past, and how to see the graph as it is now. */
export function FrozenBanner({ asOf, liveHref }: FrozenBannerProps) {
  const at = new Date(asOf);
  return (
    <p className="banner banner--warning snapshot-frozen" role="status">
      Snapshot as of{" "}
      <time dateTime={asOf}>
        {shortDate(at)} {clockTime(at)}
      </time>
      : frozen, not updated. <a href={liveHref}>Open the live graph</a>
    </p>
  );
}
