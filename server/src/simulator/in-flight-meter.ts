/** Requests the simulator is answering right now, and the most it has had at once. */
export interface InFlightStats {
  /** Every Datadog-surface request. */
  all: number;
  /** Link lookups (`GET /api/v2/cases/link`), what the BFF's upstream slots bound. */
  links: number;
}

export interface InFlightReport {
  inFlight: InFlightStats;
  maxInFlight: InFlightStats;
}

/**
 * Counts requests from their arrival until their answer is sent or their connection closes, so
 * a test can see how many upstream calls several BFF replicas had open at once.
 */
export class InFlightMeter {
  readonly #now: InFlightStats = { all: 0, links: 0 };
  #max: InFlightStats = { all: 0, links: 0 };

  /** Counts one request; the returned function (idempotent) ends it. */
  start(isLink: boolean): () => void {
    this.#now.all++;
    if (isLink) this.#now.links++;
    this.#max = {
      all: Math.max(this.#max.all, this.#now.all),
      links: Math.max(this.#max.links, this.#now.links),
    };
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.#now.all--;
      if (isLink) this.#now.links--;
    };
  }

  report(): InFlightReport {
    return { inFlight: { ...this.#now }, maxInFlight: { ...this.#max } };
  }

  /** The maximum starts again from what is in flight now. */
  resetMax(): void {
    this.#max = { ...this.#now };
  }
}
