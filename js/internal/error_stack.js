// V8-style call sites for `Error.prepareStackTrace` (builtins/src/node/error_stack.rs passes the
// frames as [functionName, fileName, line, column]).
class CallSite {
  #name;
  #file;
  #line;
  #column;
  // Indexed, not destructured: a script may have replaced the array iterator's `next`.
  constructor(frame) {
    this.#name = frame[0];
    this.#file = frame[1];
    this.#line = frame[2];
    this.#column = frame[3];
  }
  getThis() { return undefined; }
  getTypeName() { return null; }
  getFunction() { return undefined; }
  getFunctionName() { return this.#name === '<main>' || this.#name === '' ? null : this.#name; }
  getMethodName() { return null; }
  getFileName() { return this.#file === '' || this.#file === 'native' ? undefined : this.#file; }
  getScriptNameOrSourceURL() { return this.getFileName(); }
  getLineNumber() { return this.#line === 0 ? null : this.#line; }
  getColumnNumber() { return this.#column === 0 ? null : this.#column; }
  getEnclosingLineNumber() { return this.getLineNumber(); }
  getEnclosingColumnNumber() { return this.getColumnNumber(); }
  getEvalOrigin() { return undefined; }
  getPosition() { return 0; }
  getPromiseIndex() { return null; }
  getScriptHash() { return ''; }
  isToplevel() { return this.#name === '<main>'; }
  isEval() { return this.#file === 'eval'; }
  isNative() { return this.#file === 'native'; }
  isConstructor() { return false; }
  isAsync() { return false; }
  isPromiseAll() { return false; }
  toString() {
    if (this.isNative()) return `${this.#name} (native)`;
    const where = this.#line === 0 ? this.#file : `${this.#file}:${this.#line}:${this.#column}`;
    return this.#name === '<main>' ? where : `${this.#name} (${where})`;
  }
}

export function callSites(frames) {
  return frames.map((frame) => new CallSite(frame));
}

export default { callSites };
