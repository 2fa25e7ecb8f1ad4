/** A node's centre, in model px. */
export interface Point {
  x: number;
  y: number;
}
