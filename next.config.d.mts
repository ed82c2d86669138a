// Types for next.config.mjs, which tests import (test/unit/server-actions-edge.test.ts).
import type { NextConfig } from "next";

export declare const serverActionsBodySizeLimit: string;
declare const nextConfig: NextConfig;
export default nextConfig;
