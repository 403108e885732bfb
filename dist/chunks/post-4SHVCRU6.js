import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  releaseHelm,
  repairInterrupted
} from "./chunk-HOLTHJ3I.js";
import {
  releaseLease
} from "./chunk-OTSF6DUP.js";
import {
  Kubectl
} from "./chunk-HVEAVWKQ.js";
import {
  createProcessRunner
} from "./chunk-TXR234BR.js";
import {
  deployState,
  tempFiles
} from "./chunk-BTHNUVWL.js";
import {
  Helm,
  defaultRetryPolicy,
  removeRecorded
} from "./chunk-FNM5R2QI.js";
import {
  info,
  warning
} from "./chunk-EJN3PRND.js";
import "./chunk-R5UD73HC.js";
import "./chunk-SK5B422H.js";

// src/post.ts
async function post() {
  const runner = createProcessRunner((l) => info(l));
  await postStep({
    state: deployState(),
    tempPaths: tempFiles(),
    repair: (state) => repairInterruptedDeploy(state, runner),
    freeLock: (state, lock) => releaseLease(kubectlFor(state, runner), lock.name, lock.holder),
    removeTemp: removeRecorded,
    info: (l) => info(l),
    warning: (l) => warning(l)
  });
}
async function postStep(deps) {
  const { state } = deps;
  if (state && !state.finished && state.attempted !== void 0) {
    try {
      await deps.repair(state);
    } catch (e) {
      deps.warning(
        `Could not check the interrupted deploy of ${state.release}: ${e.message}`
      );
    }
  }
  if (state?.lock) {
    try {
      if (await deps.freeLock(state, state.lock))
        deps.info(`Freed the deploy lock ${state.lock.name} this run still held.`);
    } catch (e) {
      deps.warning(
        `Could not free the deploy lock ${state.lock.name}: ${e.message}. It expires by itself.`
      );
    }
  }
  try {
    const removed = deps.removeTemp(deps.tempPaths);
    if (removed.length > 0)
      deps.info(`Removed ${removed.length} temporary path(s) holding kubeconfig and values.`);
  } catch (e) {
    deps.warning(`Cleanup: ${e.message}`);
  }
}
async function repairInterruptedDeploy(state, runner = createProcessRunner((l) => info(l))) {
  const helm = await Helm.detect(runner, state.helm);
  helm.retryReads(defaultRetryPolicy((l) => info(l)));
  const target = {
    release: state.release,
    namespace: state.namespace,
    kubeconfig: state.kubeconfig,
    kubeContext: state.kubeContext
  };
  return repairInterrupted(
    releaseHelm(helm, target, { timeoutSeconds: 120, historyMax: 0 }),
    {
      attempted: state.attempted,
      rollbackOnFailure: state.rollbackOnFailure ?? true,
      heldLock: state.lock !== void 0
    },
    { log: (l) => info(l), warn: (l) => warning(l) }
  );
}
function kubectlFor(state, runner) {
  return new Kubectl(
    runner,
    {
      namespace: state.namespace ?? "default",
      kubeconfig: state.kubeconfig,
      context: state.kubeContext
    },
    "kubectl",
    { retry: defaultRetryPolicy((l) => info(l)) }
  );
}
export {
  post,
  postStep,
  repairInterruptedDeploy
};
//# sourceMappingURL=post-4SHVCRU6.js.map
