/** What the interface table knows of a port's utilisation. */
export interface UtilisationFacts {
  /** IF-MIB ifOperStatus: 1 up. */
  oper?: number | undefined;
  /** Link speed in bit/s (ifHighSpeed, else ifSpeed). */
  speedBps?: number | undefined;
  inUtil?: number | undefined;
  outUtil?: number | undefined;
}

/**
 * The utilisation to show: only for a port that is up with a known speed. A port that is down, or
 * whose speed is unknown (0), has none (not 0 %), even if an older figure is still in its series.
 */
export function shownUtilisation(row: UtilisationFacts): { inUtil?: number; outUtil?: number } {
  if (row.oper !== 1 || !(row.speedBps !== undefined && row.speedBps > 0)) return {};
  return { ...(row.inUtil !== undefined ? { inUtil: row.inUtil } : {}), ...(row.outUtil !== undefined ? { outUtil: row.outUtil } : {}) };
}
