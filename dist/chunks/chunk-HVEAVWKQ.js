import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  classifyFailure,
  retryRead
} from "./chunk-FNM5R2QI.js";
import {
  ExternalError
} from "./chunk-R5UD73HC.js";

// src/kube/api-proxy.ts
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
var { Agent, request } = process.getBuiltinModule("node:http");
var MAX_SOCKET_PATH = 100;
var KubectlProxy = class {
  constructor(command, options = {}) {
    this.command = command;
    this.options = options;
  }
  command;
  options;
  stats = { bytes: 0, requests: 0 };
  dir;
  child;
  starting;
  lastStart = 0;
  closed = false;
  agent = new Agent({ keepAlive: true });
  onExit = () => {
    this.child?.kill("SIGTERM");
  };
  /** The proxy's process id, while one runs. */
  get pid() {
    return this.child?.exitCode === null && this.child.signalCode === null ? this.child.pid : void 0;
  }
  /** The private folder of the socket, once made. */
  get socketDir() {
    return this.dir;
  }
  prepare() {
    this.socket().catch(() => void 0);
  }
  /** The socket of a running proxy, starting one when there is none. */
  socket() {
    if (this.closed) return Promise.reject(new Error("the Kubernetes API proxy was closed"));
    if (this.child && this.child.exitCode === null && this.child.signalCode === null && !this.starting)
      return Promise.resolve(join(this.dir, "api.sock"));
    this.starting ??= this.start().finally(() => this.starting = void 0);
    return this.starting;
  }
  privateDir() {
    if (this.dir) return this.dir;
    const base = this.options.base ?? (process.env.RUNNER_TEMP || tmpdir());
    let dir = mkdtempSync(join(base, "goatflow-deploy-api-"));
    if (join(dir, "api.sock").length > MAX_SOCKET_PATH) {
      rmSync(dir, { recursive: true, force: true });
      dir = mkdtempSync(join(tmpdir(), "goatflow-deploy-api-"));
    }
    this.dir = dir;
    return dir;
  }
  async start() {
    const wait = this.lastStart + 1e3 - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    this.lastStart = Date.now();
    const socket = join(this.privateDir(), "api.sock");
    rmSync(socket, { force: true });
    const { file, args } = this.command(socket);
    const child = spawn(file, args, { stdio: ["ignore", "pipe", "pipe"], shell: false });
    this.child = child;
    process.once("exit", this.onExit);
    let stderr = "";
    child.stderr.on("data", (d) => stderr = (stderr + d.toString("utf8")).slice(-2e3));
    const timeoutMs = this.options.startTimeoutMs ?? 3e4;
    const ready = new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill("SIGTERM");
        reject(
          new ExternalError(
            `kubectl proxy did not start within ${timeoutMs / 1e3}s: ${lastLine(stderr)}`
          )
        );
      }, timeoutMs);
      child.stdout.on("data", (d) => {
        if (/Starting to serve on/.test(d.toString("utf8"))) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once("error", (e) => {
        clearTimeout(timer);
        reject(new ExternalError(`could not start kubectl proxy: ${e.message}`));
      });
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        reject(
          new ExternalError(
            `kubectl proxy exited (${signal ?? `code ${code}`}) before serving: ${lastLine(stderr)}`
          )
        );
      });
    });
    child.once("exit", (code, signal) => {
      process.removeListener("exit", this.onExit);
      if (!this.closed)
        this.options.log?.(
          `kubectl proxy exited (${signal ?? `code ${code}`}): ${lastLine(stderr) || "no message"}; it is started again on the next read`
        );
    });
    await ready;
    child.unref();
    for (const s of [child.stdout, child.stderr]) s.unref?.();
    return socket;
  }
  get(pathAndQuery, timeoutMs = 2e4) {
    return this.send("GET", pathAndQuery, void 0, timeoutMs);
  }
  /** One PUT of a JSON body: served only by a proxy whose arguments allow it (leaseProxyArgs). */
  put(path, body, timeoutMs = 2e4) {
    return this.send("PUT", path, JSON.stringify(body), timeoutMs);
  }
  async send(method, path, body, timeoutMs) {
    const socketPath = await this.socket();
    this.stats.requests++;
    const headers = body === void 0 ? HEADERS : {
      ...HEADERS,
      "Content-Type": "application/json",
      "Content-Length": String(Buffer.byteLength(body))
    };
    return new Promise((resolve, reject) => {
      const req = request(
        { socketPath, method, path, headers, agent: this.agent, timeout: timeoutMs },
        (res) => void collect(res, this.stats).then(resolve, reject)
      );
      req.on(
        "timeout",
        () => req.destroy(new ExternalError(`no answer within ${timeoutMs / 1e3}s`))
      );
      req.on("error", reject);
      req.end(body);
    });
  }
  async watch(pathAndQuery, on, signal, idleMs) {
    const socketPath = await this.socket();
    this.stats.requests++;
    return new Promise((resolve, reject) => {
      const req = request(
        { socketPath, path: pathAndQuery, headers: HEADERS, agent: false, signal, timeout: idleMs },
        (res) => {
          if (res.statusCode !== 200) return void collect(res, this.stats).then(resolve, reject);
          on.open();
          res.on("data", (d) => this.stats.bytes += d.length);
          const lines = createInterface({ input: res, crlfDelay: Infinity });
          lines.on("line", (l) => {
            if (l.trim() !== "") on.line(l);
          });
          lines.on("error", reject);
          res.on("error", reject);
          lines.on(
            "close",
            () => res.complete ? resolve({ status: 200, body: "" }) : reject(new ExternalError("watch stream cut"))
          );
        }
      );
      req.on("socket", (s) => s.unref());
      req.on("timeout", () => req.destroy(new ExternalError(`watch silent for ${idleMs / 1e3}s`)));
      req.on("error", reject);
      req.end();
    });
  }
  /** Stops the proxy and removes its socket folder. */
  close() {
    this.closed = true;
    this.child?.kill("SIGTERM");
    process.removeListener("exit", this.onExit);
    this.agent.destroy();
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }
};
var HEADERS = { Accept: "application/json", Host: "localhost" };
var lastLine = (text) => text.trim().split("\n").at(-1) ?? "";
function collect(res, stats) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    res.on("data", (d) => {
      stats.bytes += d.length;
      chunks.push(d);
    });
    res.on(
      "end",
      () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") })
    );
    res.on("error", reject);
  });
}
function proxyArgs(socket) {
  return [
    "proxy",
    `--unix-socket=${socket}`,
    "--api-prefix=/",
    "--accept-paths=^/(api|apis)(/.*)?$,^/readyz$,^/version$",
    "--reject-paths=^/api/.*/pods/.*/(exec|attach|portforward|proxy)",
    "--reject-methods=^(POST|PUT|PATCH|DELETE|CONNECT)$",
    "--keepalive=30s"
  ];
}
function leaseProxyArgs(socket, path) {
  return [
    "proxy",
    `--unix-socket=${socket}`,
    "--api-prefix=/",
    `--accept-paths=^${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`,
    "--reject-methods=^(POST|PATCH|DELETE|CONNECT)$",
    "--keepalive=30s"
  ];
}

// src/kube/snapshot.ts
function snapshotOf(items, events, custom = []) {
  const of = (kind) => items.filter((i) => i.kind === kind);
  return {
    deployments: of("Deployment"),
    replicaSets: of("ReplicaSet"),
    statefulSets: of("StatefulSet"),
    daemonSets: of("DaemonSet"),
    jobs: of("Job"),
    pods: of("Pod"),
    controllerRevisions: of("ControllerRevision"),
    custom,
    events: events.map((e) => ({ ...e, kind: "Event" }))
  };
}

// src/kube/kubectl.ts
var KubectlError = class extends ExternalError {
  constructor(command, result) {
    super(`kubectl ${command} failed: ${result.stderr.trim()}`);
    this.command = command;
    this.result = result;
    this.name = "KubectlError";
    this.kind = classifyFailure(result);
  }
  command;
  result;
  kind;
};
var Kubectl = class _Kubectl {
  constructor(runner, target, binary = "kubectl", options = {}) {
    this.runner = runner;
    this.target = target;
    this.binary = binary;
    this.options = options;
  }
  runner;
  target;
  binary;
  options;
  warned = /* @__PURE__ */ new Set();
  /** Sets how reads retry and where warnings go, for the rest of the run. */
  configure(o) {
    Object.assign(this.options, o);
  }
  /** Runs a read, repeated while the API server is unreachable (within the retry policy). */
  read(args) {
    const run = () => this.runner.run(this.binary, args, { echo: false });
    const retry = this.options.retry;
    return retry ? retryRead(`kubectl ${args.slice(0, 2).join(" ")}`, run, retry) : run();
  }
  /** A read the rollout can do without: it degrades to `fallback` with one warning. */
  async optional(what, read, fallback) {
    try {
      return await read();
    } catch (e) {
      if (!this.warned.has(what)) {
        this.warned.add(what);
        const forbidden = e instanceof KubectlError && e.kind === "forbidden";
        this.options.warn?.(
          forbidden ? `Not reading ${what}: the credentials may not list them in namespace ${this.target.namespace} (grant "list" on them to see their reasons in failure reports).` : `Not reading ${what}: ${e.message}`
        );
      }
      return fallback;
    }
  }
  globals() {
    const args = ["--namespace", this.target.namespace, "--request-timeout=20s"];
    if (this.target.kubeconfig) args.push("--kubeconfig", this.target.kubeconfig);
    if (this.target.context) args.push("--context", this.target.context);
    return args;
  }
  /**
   * `kubectl proxy` serving reads of the API on a private unix socket, authenticated with the
   * same kubeconfig and context as every other call (no --request-timeout: it would cut watches).
   */
  proxyCommand(socket) {
    return { file: this.binary, args: [...proxyArgs(socket), ...this.connection()] };
  }
  /** `kubectl proxy` for the deploy lock: GET and PUT of the one API path given (its Lease). */
  leaseProxyCommand(socket, path) {
    return { file: this.binary, args: [...leaseProxyArgs(socket, path), ...this.connection()] };
  }
  connection() {
    const args = [];
    if (this.target.kubeconfig) args.push("--kubeconfig", this.target.kubeconfig);
    if (this.target.context) args.push("--context", this.target.context);
    return args;
  }
  async json(args) {
    const r = await this.read([...args, ...this.globals(), "--output", "json"]);
    if (r.exitCode !== 0) throw new KubectlError(args.slice(0, 2).join(" "), r);
    return JSON.parse(r.stdout);
  }
  /** One consistent read of every workload, pod and warning event in the namespace. */
  async snapshot() {
    const [objects, events] = await Promise.all([
      this.json([
        "get",
        "deployments.apps,replicasets.apps,statefulsets.apps,daemonsets.apps,jobs.batch,pods"
      ]),
      this.optional(
        "warning events",
        () => this.json(["get", "events", "--field-selector", "type=Warning"]),
        { items: [] }
      )
    ]);
    return snapshotOf(objects.items, events.items);
  }
  /** The cluster's Kubernetes minor version (`1.35`), or undefined when it does not say. */
  async serverVersion() {
    const r = await this.read(["version", "--output", "json", ...this.globals()]);
    if (r.exitCode !== 0) return void 0;
    return minorVersion(JSON.parse(r.stdout).serverVersion);
  }
  /** One object by resource and name, or undefined when it does not exist. */
  async getObject(resource, name) {
    try {
      return await this.json(["get", resource, name]);
    } catch (e) {
      if (e instanceof KubectlError && e.kind === "not-found") return void 0;
      throw e;
    }
  }
  /** Objects of a resource in the namespace that match a label selector. */
  async listObjects(resource, selector) {
    return (await this.json(["get", resource, "--selector", selector])).items;
  }
  /** Deletes an object without waiting for its finalizers; true when it existed. */
  async deleteObject(resource, name) {
    const r = await this.runner.run(this.binary, [
      "delete",
      resource,
      name,
      "--wait=false",
      ...this.globals()
    ]);
    if (r.exitCode === 0) return true;
    const e = new KubectlError(`delete ${resource}`, r);
    if (e.kind === "not-found") return false;
    throw e;
  }
  /**
   * Creates an object, or replaces it (optimistic concurrency: the object's
   * metadata.resourceVersion must still be current, else the API answers Conflict). Tried once:
   * a write that failed in transit may still have been applied, so callers re-read instead.
   */
  async writeObject(verb, object) {
    const r = await this.runner.run(
      this.binary,
      [verb, "--filename", "-", ...this.globals(), "--output", "json"],
      { echo: false, input: JSON.stringify(object) }
    );
    if (r.exitCode !== 0) throw new KubectlError(verb, r);
    return JSON.parse(r.stdout);
  }
  /**
   * One read of what a release's rollout is judged on, in every namespace its workloads live in:
   * workloads, their ReplicaSets, ControllerRevisions and pods, the events about them (warnings
   * and autoscaler notices), and the release's custom resources by kind.
   */
  async releaseSnapshot(refs) {
    const namespaces = [.../* @__PURE__ */ new Set([this.target.namespace, ...refs.map((r) => r.namespace)])];
    const parts = await Promise.all(
      namespaces.map(async (ns) => {
        const k = ns === this.target.namespace ? this : this.inNamespace(ns);
        const customKinds = [
          ...new Set(
            refs.filter((r) => r.apiVersion !== void 0 && r.namespace === ns).map((r) => `${r.kind.toLowerCase()}.${r.apiVersion.split("/")[0]}`)
          )
        ];
        const [objects, events, custom] = await Promise.all([
          k.json([
            "get",
            "deployments.apps,replicasets.apps,statefulsets.apps,daemonsets.apps,jobs.batch,pods,controllerrevisions.apps"
          ]),
          k.optional("events", () => k.json(["get", "events"]), {
            items: []
          }),
          customKinds.length === 0 ? { items: [] } : k.optional(
            `custom resources ${customKinds.join(", ")}`,
            () => k.json(["get", customKinds.join(",")]),
            { items: [] }
          )
        ]);
        return { objects: objects.items, events: events.items, custom: custom.items };
      })
    );
    return snapshotOf(
      parts.flatMap((p) => p.objects),
      parts.flatMap((p) => p.events),
      parts.flatMap((p) => p.custom)
    );
  }
  inNamespace(namespace) {
    return new _Kubectl(this.runner, { ...this.target, namespace }, this.binary, this.options);
  }
  async deletePod(name) {
    const r = await this.runner.run(this.binary, [
      "delete",
      "pod",
      name,
      "--wait=false",
      ...this.globals()
    ]);
    if (r.exitCode !== 0 && !/NotFound/.test(r.stderr))
      throw new ExternalError(`kubectl delete pod ${name} failed: ${r.stderr.trim()}`);
  }
  /** The namespace the kubeconfig context selects ("default" when it names none). */
  static async contextNamespace(runner, t, binary = "kubectl") {
    const args = ["config", "view", "--minify", "--output", "jsonpath={..namespace}"];
    if (t.kubeconfig) args.push("--kubeconfig", t.kubeconfig);
    if (t.context) args.push("--context", t.context);
    const r = await runner.run(binary, args, { echo: false });
    if (r.exitCode !== 0)
      throw new ExternalError(`kubectl could not read the kubeconfig: ${r.stderr.trim()}`);
    return r.stdout.trim() || "default";
  }
};
function minorVersion(v) {
  const minor = v?.minor?.replace(/\D+$/, "");
  return v?.major && minor ? `${v.major}.${minor}` : void 0;
}

export {
  KubectlProxy,
  snapshotOf,
  KubectlError,
  Kubectl,
  minorVersion
};
//# sourceMappingURL=chunk-HVEAVWKQ.js.map
