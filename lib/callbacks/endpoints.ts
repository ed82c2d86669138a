import type { PayloadKind } from "./classify";

// The callback URLs PaySsam is given, and which callback each one expects: the one definition that
// the route files, reprocessing, the simulator, proxy.ts's matcher (kept in step by a test) and the
// tests read. The paths are part of the fixed contract in the README.

export interface CallbackEndpoint {
  /** The URL path, as registered with PaySsam (with ?token=…). */
  path: string;
  /** The callback this URL expects; null: either, told apart by the payload's shape. */
  kind: PayloadKind | null;
  /** The name the simulator and the seed use on their command lines and in their plans. */
  name: "any" | "approval" | "auth-mapping";
}

export const callbackEndpoints = [
  { path: "/api/callbacks", kind: null, name: "any" },
  { path: "/api/callbacks/approval", kind: "approval", name: "approval" },
  { path: "/api/callbacks/auth-mapping", kind: "auth_mapping", name: "auth-mapping" },
] as const satisfies readonly CallbackEndpoint[];

export type CallbackEndpointPath = (typeof callbackEndpoints)[number]["path"];
export type CallbackEndpointName = (typeof callbackEndpoints)[number]["name"];
/** The endpoints that expect one kind: what the simulator sends to. */
export type KindEndpointName = Exclude<CallbackEndpointName, "any">;

export function callbackEndpoint(name: CallbackEndpointName): (typeof callbackEndpoints)[number] {
  return callbackEndpoints.find((endpoint) => endpoint.name === name) as (typeof callbackEndpoints)[number];
}

/** The kind a logged delivery's endpoint expects (null for the shared endpoint or an unknown path). */
export function endpointKindFromEndpoint(endpoint: string): PayloadKind | null {
  return callbackEndpoints.find((candidate) => candidate.path === endpoint)?.kind ?? null;
}
