// Node's older constructors can be called without `new` (`http.Server()`, `net.Socket()`), which
// a class cannot. `callableWithoutNew(Class)` gives a class written here that behaviour.

/**
 * A constructor function that builds `Impl` with the caller's `new.target` (so subclasses keep
 * theirs) or, called without `new`, as `new Impl(...)`. It takes over `Impl`'s name, length,
 * prototype, statics and parent, so it stands in for `Impl` everywhere.
 */
export function callableWithoutNew(Impl) {
  const Wrapper = function (...args) {
    return Reflect.construct(Impl, args, new.target || Wrapper);
  };
  for (const key of Reflect.ownKeys(Impl)) {
    if (key === 'prototype') continue;
    Object.defineProperty(Wrapper, key, Object.getOwnPropertyDescriptor(Impl, key));
  }
  Object.defineProperty(Wrapper, 'prototype', { value: Impl.prototype, writable: false });
  Object.defineProperty(Impl.prototype, 'constructor', { value: Wrapper, writable: true, configurable: true });
  Object.setPrototypeOf(Wrapper, Object.getPrototypeOf(Impl));
  return Wrapper;
}
