import { browserSpareTime, type SpareTimeScheduler } from "./spare-time";

/**
 * Times and days as the page shows them, in the reader's locale (as `toLocaleTimeString([], …)`
 * and `toLocaleDateString([], …)` would write them). The formatters are made once: the first one
 * a page makes costs tens of milliseconds (26 ms in headless Chromium, against 0.3 ms for the
 * next: the browser loads its locale data), and the first reading of a case page (the changes
 * strip's "you opened this") comes just as its data settles, when the picture is being drawn.
 * `warmClockFormats` makes them in spare time before that.
 */
interface ClockFormats {
  minutes: Intl.DateTimeFormat;
  seconds: Intl.DateTimeFormat;
  day: Intl.DateTimeFormat;
}

let formats: ClockFormats | null = null;

function clockFormats(): ClockFormats {
  formats ??= {
    minutes: new Intl.DateTimeFormat([], { hour: "2-digit", minute: "2-digit" }),
    seconds: new Intl.DateTimeFormat([], { hour: "2-digit", minute: "2-digit", second: "2-digit" }),
    day: new Intl.DateTimeFormat([], { day: "numeric", month: "short" }),
  };
  return formats;
}

type When = number | string | Date;

/** "08:12 PM", or as the reader's locale writes hours and minutes. */
export const clockTime = (at: When): string => clockFormats().minutes.format(new Date(at));

/** "08:12:45 PM", with seconds, for readings a few seconds apart. */
export const clockTimeWithSeconds = (at: When): string =>
  clockFormats().seconds.format(new Date(at));

/** "4 Dec", or as the reader's locale writes a day of the year. */
export const shortDate = (at: When): string => clockFormats().day.format(new Date(at));

/** Makes the formatters in spare time, where the browser has it; once per page. */
export function warmClockFormats(spare: SpareTimeScheduler | null = browserSpareTime()): void {
  if (formats) return;
  spare?.request(() => void clockFormats());
}
