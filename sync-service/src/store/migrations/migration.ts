export interface Migration {
  /** Applied in ascending order; never reuse or renumber one that has shipped. */
  version: number;
  name: string;
  sql: string;
}
