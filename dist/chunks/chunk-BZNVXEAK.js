import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  Kubectl
} from "./chunk-HVEAVWKQ.js";
import {
  inNamespace
} from "./chunk-FCRLM365.js";

// src/modes/mode.ts
async function connect(s, deps) {
  const where = { kubeconfig: s.target.kubeconfig, context: s.target.kubeContext };
  const namespace = s.target.namespace ?? await Kubectl.contextNamespace(deps.runner, where, deps.kubectl);
  return {
    session: inNamespace(s, namespace),
    kube: new Kubectl(deps.runner, { ...where, namespace }, deps.kubectl)
  };
}
function connectMeanwhile(s, deps, readVersion, onConnected) {
  const connection = connect(s, deps);
  if (onConnected) connection.then(onConnected, () => void 0);
  const context = connection.then(async (c) => ({
    ...c,
    serverVersion: readVersion ? await readVersion(c).catch(() => c.kube.serverVersion()) : await c.kube.serverVersion()
  }));
  context.catch(() => void 0);
  return context;
}
function stepState(s) {
  return {
    helm: s.helm.binary,
    release: s.config.release,
    namespace: s.target.namespace,
    kubeContext: s.target.kubeContext,
    kubeconfig: s.target.kubeconfig,
    finished: false
  };
}

export {
  connect,
  connectMeanwhile,
  stepState
};
//# sourceMappingURL=chunk-BZNVXEAK.js.map
