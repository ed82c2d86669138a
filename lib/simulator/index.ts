// One source of realistic PaySsam payloads for the simulator CLI, the demo seed, tests and benchmarks.
export * from "./approval";
export * from "./auth-mapping";
export * from "./demo";
export * from "./korea";
export * from "./plan";
export * from "./random";
export * from "./run";
export { signatureJpegBase64 } from "./signature";
