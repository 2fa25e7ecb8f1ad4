/** "3 h 20 min", "2 d 4 h": how long something has been open, from its creation time. */
export function openFor(createdAt: string | undefined, now: number): string | undefined {
  if (!createdAt) return undefined;
  const since = Date.parse(createdAt);
  if (Number.isNaN(since) || since > now) return undefined;
  const minutes = Math.floor((now - since) / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}
