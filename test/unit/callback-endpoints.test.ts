import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { callbackEndpoints, endpointKindFromEndpoint } from "@/lib/callbacks/endpoints";
import { config } from "@/proxy";
import { routeModules } from "../support/callbacks";

// The registry is the one list of callback URLs; what cannot read it (a framework's static string,
// the file layout) is kept in step here.

describe("the callback endpoint registry", () => {
  it("has a route file at every registered path, exporting POST and a JSON 405 for the rest", () => {
    for (const endpoint of callbackEndpoints) {
      expect(existsSync(path.join(process.cwd(), "app", endpoint.path, "route.ts")), endpoint.path).toBe(true);
      const route = routeModules[endpoint.name];
      for (const method of ["POST", "GET", "PUT", "PATCH", "DELETE", "OPTIONS"] as const) {
        expect(route[method], `${endpoint.path} ${method}`).toBeTypeOf("function");
      }
    }
  });

  it("is what proxy.ts's static matcher leaves out (callbacks authenticate by their URL token)", () => {
    const excluded = [...config.matcher[0].matchAll(/(api\/callbacks[^|)]*)\$/g)].map((match) => `/${match[1]}`);
    expect(excluded.sort()).toEqual(callbackEndpoints.map((endpoint) => endpoint.path).sort());
  });

  it("tells a logged delivery's kind by its endpoint", () => {
    for (const endpoint of callbackEndpoints) expect(endpointKindFromEndpoint(endpoint.path)).toBe(endpoint.kind);
    expect(endpointKindFromEndpoint("/api/callbacks/approval/extra")).toBeNull();
  });
});
