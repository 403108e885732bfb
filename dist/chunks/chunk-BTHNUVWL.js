import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  getState,
  saveState
} from "./chunk-EJN3PRND.js";

// src/run/step-state.ts
var MAIN_STEP_RAN = "mainStepRan";
var TEMP_FILES = "tempFiles";
var RELEASE = "release";
var isPostStep = () => getState(MAIN_STEP_RAN) === "true";
var markMainStepRan = () => saveState(MAIN_STEP_RAN, "true");
function rememberTempFiles(paths) {
  saveState(TEMP_FILES, JSON.stringify(paths));
}
function tempFiles() {
  const raw = getState(TEMP_FILES);
  if (!raw) return [];
  try {
    const v = JSON.parse(raw);
    return Array.isArray(v) ? v.filter((p) => typeof p === "string") : [];
  } catch {
    return [];
  }
}
function rememberDeploy(state) {
  saveState(RELEASE, JSON.stringify(state));
}
function deployState() {
  const raw = getState(RELEASE);
  if (!raw) return void 0;
  try {
    return JSON.parse(raw);
  } catch {
    return void 0;
  }
}

export {
  isPostStep,
  markMainStepRan,
  rememberTempFiles,
  tempFiles,
  rememberDeploy,
  deployState
};
//# sourceMappingURL=chunk-BTHNUVWL.js.map
