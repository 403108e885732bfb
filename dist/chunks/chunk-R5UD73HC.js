import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/errors/result.ts
var ok = (value) => ({ ok: true, value });
var fail = (error) => ({ ok: false, error });
var UserError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "UserError";
  }
};
var ExternalError = class extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = "ExternalError";
  }
};

export {
  ok,
  fail,
  UserError,
  ExternalError
};
//# sourceMappingURL=chunk-R5UD73HC.js.map
