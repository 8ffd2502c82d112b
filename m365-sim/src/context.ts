import type { SigningKeys } from "./signing-keys";
import type { SimState } from "./state";

/** What every part of the simulator gets: the world, the signing keys and where it is served. */
export interface SimContext {
  state: SimState;
  keys: SigningKeys;
  tenantId: string;
  /** `https://localhost:<port>`: the authority host and the Graph host at once. */
  baseUrl: () => string;
  /** The token issuer, as Entra's v2 endpoint names it: `${baseUrl}/${tenantId}/v2.0`. */
  issuer: () => string;
  /** The CA (PEM) that signed the simulator's certificate: what its requests to itself trust. */
  ca?: string;
  /** Fills an emptied world with the tenant the simulator started with; the control API's reset runs it again. */
  seed: (state: SimState) => void;
}
