import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  displayCommand
} from "./chunk-FNM5R2QI.js";
import {
  ExternalError,
  UserError
} from "./chunk-R5UD73HC.js";

// src/exec/runner.ts
import { spawn } from "node:child_process";
var running = /* @__PURE__ */ new Set();
function createProcessRunner(log) {
  const start = (file, args, options = {}) => {
    if (options.echo !== false) log(`$ ${displayCommand(file, args)}`);
    let child;
    let settled = false;
    const done = new Promise((resolve, reject) => {
      const proc = spawn(file, [...args], {
        cwd: options.cwd,
        env: { ...process.env, ...options.env },
        stdio: ["pipe", "pipe", "pipe"],
        shell: false
      });
      child = proc;
      running.add(proc);
      const out = [];
      const err = [];
      proc.stdout.on("data", (d) => out.push(d));
      proc.stderr.on("data", (d) => err.push(d));
      proc.on("error", (e) => {
        running.delete(proc);
        settled = true;
        reject(
          e.code === "ENOENT" ? new UserError(`${file} was not found; install it or put it on PATH`) : new ExternalError(`could not start ${file}: ${e.message}`)
        );
      });
      proc.on("close", (code, signal) => {
        running.delete(proc);
        settled = true;
        resolve({
          exitCode: code ?? 128,
          signal: signal ?? void 0,
          stdout: Buffer.concat(out).toString("utf8"),
          stderr: Buffer.concat(err).toString("utf8")
        });
      });
      proc.stdin.on("error", () => void 0);
      proc.stdin.end(options.input ?? "");
    });
    return {
      done,
      exited: () => settled,
      signal: (sig) => {
        if (!settled) child?.kill(sig);
      }
    };
  };
  return { start, run: (file, args, options) => start(file, args, options).done };
}
function signalChildren(signal) {
  for (const child of running) child.kill(signal);
  return running.size;
}

export {
  createProcessRunner,
  signalChildren
};
//# sourceMappingURL=chunk-TXR234BR.js.map
