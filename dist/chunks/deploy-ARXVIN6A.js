import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  renderDeploySummary
} from "./chunk-T5PDRLT4.js";
import {
  checkValuesAndLint,
  renderAndCheck
} from "./chunk-SEF36JYG.js";
import "./chunk-3SFRGY3J.js";
import {
  ReleaseWatch,
  deploy
} from "./chunk-KHRJUVX7.js";
import "./chunk-4GXLHMLG.js";
import "./chunk-H2WA2COS.js";
import {
  leasePath
} from "./chunk-A2YCTKQM.js";
import {
  connectMeanwhile
} from "./chunk-M3OAWUA5.js";
import "./chunk-VZIKKKVP.js";
import "./chunk-I6JQYRCA.js";
import {
  rememberDeploy
} from "./chunk-BTHNUVWL.js";
import "./chunk-XTBNSGKS.js";
import "./chunk-Y5BFIPGX.js";
import {
  debug,
  group,
  warning
} from "./chunk-EJN3PRND.js";
import "./chunk-R5UD73HC.js";
import "./chunk-SK5B422H.js";

// src/modes/deploy.ts
async function deployMode(opened, deps) {
  let watch;
  const cluster = connectMeanwhile(opened, deps, (c) => {
    watch = ReleaseWatch.throughKubectl((socket) => c.kube.proxyCommand(socket), {
      warn: (line) => warning(line),
      debug: (line) => debug(line)
    });
    watch.prepare();
    return watch.serverVersion();
  });
  try {
    await checkValuesAndLint(opened);
    const { session: s, kube, serverVersion } = await cluster;
    return await deployChecked(opened, s, kube, serverVersion, watch, deps);
  } finally {
    void cluster.finally(() => watch?.close()).catch(() => void 0);
  }
}
async function deployChecked(opened, s, kube, serverVersion, watch, deps) {
  const { reporter, cancel } = deps;
  await renderAndCheck(opened, serverVersion);
  const state = {
    helm: s.helm.binary,
    release: s.config.release,
    namespace: s.target.namespace,
    kubeContext: s.target.kubeContext,
    kubeconfig: s.target.kubeconfig,
    rollbackOnFailure: s.config.rollbackOnFailure,
    finished: false
  };
  await reporter.deploymentStarted();
  const result = await group(
    `Deploy ${s.config.release} to ${s.target.namespace}`,
    () => deploy(s, {
      kube,
      reader: watch,
      readLease: (name) => watch.getObject(leasePath(kube.target.namespace, name)),
      clock: deps.clock,
      cancel,
      onStarted: (lastGood) => rememberDeploy({ ...state, lastGood }),
      remember: (patch) => rememberDeploy(Object.assign(state, patch)),
      warn: (line) => warning(line)
    })
  );
  rememberDeploy({ ...state, finished: true });
  for (const w of result.warnings) warning(w);
  const markdown = renderDeploySummary(result);
  await reporter.summary(markdown);
  await reporter.deploymentFinished(
    result.ok,
    result.ok ? `Revision ${result.revision} deployed` : failureHeadline(result)
  );
  await reporter.comment(markdown, [], result.ok ? s.config.environmentUrl : void 0);
  return {
    outputs: {
      status: result.ok ? "deployed" : result.unknown ? "unknown" : result.rollback?.healthy && !result.rollback.uninstalled ? "rolled-back" : "failed",
      revision: result.revision,
      previousRevision: result.previousRevision,
      rolledBack: !!result.rollback && !result.rollback.uninstalled && result.rollback.revision !== void 0,
      changed: result.changed,
      images: result.imagesAfter
    },
    error: result.ok ? void 0 : failureMessage(result)
  };
}
function failureHeadline(r) {
  if (r.unknown) return "Outcome unknown: the cluster stopped answering";
  return r.rollback?.healthy && !r.rollback.uninstalled ? `Failed; rolled back to revision ${r.rollback.toRevision}` : "Deploy failed";
}
function failureMessage(r) {
  if (r.unknown) return r.unknown;
  const what = r.failures.length > 1 ? `the rollout failed (${r.failures.length} problems)` : r.failures.length === 1 ? "the rollout failed" : "the deploy failed";
  const restored = r.rollback ? r.rollback.uninstalled ? "The failed first install was uninstalled." : r.rollback.healthy ? `Rolled back to revision ${r.rollback.toRevision} (now revision ${r.rollback.revision}), which is healthy.` : `Rollback: ${r.rollback.detail}.` : "The release is left as it is (rollback-on-failure is off, or there was nothing to restore).";
  return `Revision ${r.attemptedRevision} of ${r.release}: ${what}:
${r.error}
${restored}`;
}
export {
  deployMode
};
//# sourceMappingURL=deploy-ARXVIN6A.js.map
