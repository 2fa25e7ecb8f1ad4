import { useEffect, useState } from "react";
import { clockTime } from "../../lib/clock-time";

export interface AllClearBannerProps {
  /** When the root's last open blocker cleared; null while something still blocks it. */
  clearedAt: number | null;
  rootName: string;
}

const canNotify = () => typeof Notification !== "undefined";

/**
 * Says the moment nothing blocks the root any more: on the page, to screen readers, and, once
 * the person allowed it, as a browser notification for a tab left in the background.
 */
export function AllClearBanner({ clearedAt, rootName }: AllClearBannerProps) {
  const message = `Nothing blocks ${rootName} any more: its last open blocker just cleared.`;

  useEffect(() => {
    if (clearedAt === null || !canNotify() || Notification.permission !== "granted") return;
    new Notification("casegraph", { body: message, tag: `all-clear:${rootName}` });
  }, [clearedAt, message, rootName]);

  return (
    // Always in the page, so screen readers hear the change when the text appears.
    <div className="live-all-clear" aria-live="assertive" role="alert">
      {clearedAt !== null && (
        <p className="live-all-clear__message">
          {message} <time dateTime={new Date(clearedAt).toISOString()}>{clockTime(clearedAt)}</time>
        </p>
      )}
    </div>
  );
}

/**
 * Asks once for the browser's permission to notify; it sits in the changes row rather than on
 * a row of its own, which a small laptop's canvas needs.
 */
export function NotifyButton({ rootName }: { rootName: string }) {
  const [permission, setPermission] = useState(() =>
    canNotify() ? Notification.permission : "denied",
  );
  if (permission !== "default") return null;
  return (
    <button
      type="button"
      className="live-notify"
      title={`A browser notification when nothing blocks ${rootName} any more`}
      onClick={() => void Notification.requestPermission().then(setPermission)}
    >
      Notify me when unblocked
    </button>
  );
}
