import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  KubectlError
} from "./chunk-HVEAVWKQ.js";

// src/remediate/marks.ts
var DOMAIN = "deploy-action.goatflow.io";
var NAMESPACE_CREATED_FOR = `${DOMAIN}/created-for`;
var NAMESPACE_CREATED_BY_RUN = `${DOMAIN}/created-by-run`;
var RELEASE_INSTALLED_BY = `${DOMAIN}/installed-by`;
var RELEASE_INSTALLED_BY_VALUE = "deploy-action";
var PROTECTED_NAMESPACES = /* @__PURE__ */ new Set(["default", "kube-system", "kube-public", "kube-node-lease"]);
function markedNamespace(name, release, runUrl) {
  return {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: {
      name,
      labels: { [NAMESPACE_CREATED_FOR]: release },
      ...runUrl ? { annotations: { [NAMESPACE_CREATED_BY_RUN]: runUrl } } : {}
    }
  };
}
function releaseLabelsSupported(helmVersion) {
  const m = /^v?(\d+)\.(\d+)/.exec(helmVersion);
  if (!m) return false;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  return major > 3 || major === 3 && minor >= 14;
}
var installedByLabels = (helmVersion) => releaseLabelsSupported(helmVersion) ? { [RELEASE_INSTALLED_BY]: RELEASE_INSTALLED_BY_VALUE } : void 0;
function decideRemove(f) {
  const where = `release "${f.release}" in namespace "${f.namespace}"`;
  const problems = [];
  const notes = [];
  if (f.releaseExists && !f.releaseMarked) {
    if (f.force) notes.push(`force: true removes ${where}, which this action did not install`);
    else
      problems.push(
        `Input "release" "${f.release}": ${where} was not installed by this action (its Helm records carry no ${RELEASE_INSTALLED_BY} label), so it is not removed. Check the release and namespace inputs; if this really is the release to delete, set force: true.`
      );
  }
  if (!f.releaseExists) notes.push(`${where} is not installed (already removed?)`);
  let deleteNamespace = false;
  if (f.deleteNamespace) {
    const ns = f.namespaceState;
    if (PROTECTED_NAMESPACES.has(f.namespace))
      problems.push(
        `Input "namespace" "${f.namespace}": delete-namespace never deletes ${f.namespace}, even with force. Set delete-namespace: false.`
      );
    else if (ns.kind === "absent")
      notes.push(`namespace "${f.namespace}" does not exist (or is being deleted)`);
    else if (ns.kind === "unreadable")
      problems.push(
        `Input "delete-namespace": true, but namespace "${f.namespace}" cannot be read (${ns.reason}), so the action cannot tell whether it created it. Grant get and delete on namespaces, or set delete-namespace: false.`
      );
    else if (ns.createdFor === f.release) deleteNamespace = true;
    else if (f.force) {
      deleteNamespace = true;
      notes.push(
        `force: true deletes namespace "${f.namespace}", which this action ${ns.createdFor ? `created for release "${ns.createdFor}"` : "did not create"}`
      );
    } else
      problems.push(
        `Input "delete-namespace": true, but namespace "${f.namespace}" ${ns.createdFor ? `was created by this action for release "${ns.createdFor}", not "${f.release}"` : `was not created by this action (no ${NAMESPACE_CREATED_FOR} label)`}, so it is not deleted. Set delete-namespace: false to remove only the release, or force: true if the namespace really is to go with everything in it.`
      );
  }
  if (problems.length > 0)
    return { kind: "refuse", reason: `Nothing was removed. ${problems.join(" ")}` };
  return { kind: "remove", uninstall: f.releaseExists, deleteNamespace, notes };
}

// src/remediate/namespace.ts
async function prepareNamespace(kube, release, runUrl, log) {
  const name = kube.target.namespace;
  try {
    if (await kube.getObject("namespace", name)) return { helmCreates: false };
    await kube.writeObject("create", markedNamespace(name, release, runUrl));
    log(
      `Created namespace ${name} for release ${release} (label ${NAMESPACE_CREATED_FOR}=${release}).`
    );
    return { helmCreates: false };
  } catch (e) {
    if (e instanceof KubectlError && /AlreadyExists/.test(e.result.stderr))
      return { helmCreates: false };
    if (e instanceof KubectlError && e.kind === "forbidden") {
      log(
        `Cannot read or create namespace ${name} with these credentials; helm creates it (--create-namespace), unmarked: mode remove will not delete it without force.`
      );
      return { helmCreates: true };
    }
    throw e;
  }
}
async function namespaceState(kube) {
  try {
    const ns = await kube.getObject("namespace", kube.target.namespace);
    if (!ns || ns.status?.phase === "Terminating") return { kind: "absent" };
    return { kind: "present", createdFor: ns.metadata.labels?.[NAMESPACE_CREATED_FOR] };
  } catch (e) {
    if (e instanceof KubectlError && e.kind === "forbidden")
      return { kind: "unreadable", reason: e.result.stderr.trim() };
    throw e;
  }
}
var runUrlFromEnv = (env = process.env) => env.GITHUB_RUN_ID && env.GITHUB_REPOSITORY ? `${env.GITHUB_SERVER_URL ?? "https://github.com"}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : void 0;

export {
  RELEASE_INSTALLED_BY,
  RELEASE_INSTALLED_BY_VALUE,
  installedByLabels,
  decideRemove,
  prepareNamespace,
  namespaceState,
  runUrlFromEnv
};
//# sourceMappingURL=chunk-F6CWIMAG.js.map
