import { SingleBar } from "cli-progress";

// Progress of a long bulk seed: a bar on a terminal, and otherwise (CI, a log file) one line every
// few seconds with the rate and the time left, so a 15-minute run is never silent.

export interface SeedProgress {
  phase(name: string, total: number): void;
  update(done: number): void;
  /** A step without a count (building indexes): its name now, its time when the next starts. */
  step(name: string): void;
  stop(): void;
}

const silent: SeedProgress = { phase() {}, update() {}, step() {}, stop() {} };

export function seedProgress(enabled: boolean, interactive = process.stdout.isTTY): SeedProgress {
  if (!enabled) return silent;
  return interactive ? barProgress() : lineProgress();
}

function barProgress(): SeedProgress {
  const bar = new SingleBar({
    format: "{phase} [{bar}] {percentage}% | {value}/{total} | {duration}s",
    hideCursor: true,
  });
  let running = false;
  let stepStarted = 0;
  let stepName = "";
  const endStep = () => {
    if (stepName) console.log(`  ${stepName}: ${((performance.now() - stepStarted) / 1000).toFixed(1)} s`);
    stepName = "";
  };
  return {
    phase(name, total) {
      endStep();
      if (running) bar.stop();
      bar.start(total, 0, { phase: name });
      running = true;
    },
    update: (done) => bar.update(done),
    step(name) {
      if (running) bar.stop();
      running = false;
      endStep();
      stepName = name;
      stepStarted = performance.now();
    },
    stop() {
      if (running) bar.stop();
      running = false;
      endStep();
    },
  };
}

function lineProgress(intervalMs = 5000): SeedProgress {
  let name = "";
  let total = 0;
  let done = 0;
  let started = 0;
  let lastLine = 0;
  const seconds = () => (performance.now() - started) / 1000;
  const line = () => {
    const rate = done / Math.max(seconds(), 0.001);
    const left = rate > 0 ? Math.round((total - done) / rate) : "?";
    console.log(`  ${name}: ${done}/${total} (${Math.round(rate)}/s, ${seconds().toFixed(0)} s, ~${left} s left)`);
    lastLine = performance.now();
  };
  const endPhase = () => {
    if (!name) return;
    console.log(`  ${name}: done in ${seconds().toFixed(1)} s`);
    name = "";
  };
  return {
    phase(phaseName, phaseTotal) {
      endPhase();
      name = phaseName;
      total = phaseTotal;
      done = 0;
      started = lastLine = performance.now();
    },
    update(value) {
      done = value;
      if (performance.now() - lastLine >= intervalMs) line();
    },
    step(stepName) {
      endPhase();
      name = stepName;
      total = 0;
      started = performance.now();
      console.log(`  ${stepName}…`);
    },
    stop: endPhase,
  };
}
