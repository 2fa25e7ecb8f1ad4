/**
 * Datadog sites and the URL patterns built on them. The public docs do not spell out the
 * URL of a single case; these patterns are assumptions kept in this one place to correct.
 */
export const DATADOG_SITES = [
  "datadoghq.com",
  "us3.datadoghq.com",
  "us5.datadoghq.com",
  "datadoghq.eu",
  "ap1.datadoghq.com",
  "ap2.datadoghq.com",
  "ddog-gov.com",
  "us2.ddog-gov.com",
] as const;
export type DatadogSite = (typeof DATADOG_SITES)[number];
export const DEFAULT_SITE: DatadogSite = "datadoghq.com";

export function isDatadogSite(value: string): value is DatadogSite {
  return (DATADOG_SITES as readonly string[]).includes(value);
}

export function apiBaseUrl(site: DatadogSite): string {
  return `https://api.${site}`;
}

/** The web app a person opens: `datadoghq.com` → `https://app.datadoghq.com`. */
export function appBaseUrl(site: DatadogSite): string {
  // Sites with a region prefix serve the app on that host directly (us3.datadoghq.com).
  return site.split(".").length > 2 ? `https://${site}` : `https://app.${site}`;
}

export function caseUrl(appUrl: string, caseId: string): string {
  return `${appUrl}/cases/${encodeURIComponent(caseId)}`;
}

export function incidentUrl(appUrl: string, publicId: number | string): string {
  return `${appUrl}/incidents/${encodeURIComponent(String(publicId))}`;
}
