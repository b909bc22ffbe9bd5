// A minimal assertion library with the same entry points as test262's.
function assert(value, message) {
  if (value !== true) {
    throw new Test262Error(message || "expected true, got " + String(value));
  }
}
assert.sameValue = function (actual, expected, message) {
  if (!Object.is(actual, expected)) {
    throw new Test262Error((message ? message + ": " : "") + "expected " + String(expected) + ", got " + String(actual));
  }
};
assert.notSameValue = function (actual, unexpected, message) {
  if (Object.is(actual, unexpected)) {
    throw new Test262Error((message ? message + ": " : "") + "did not expect " + String(unexpected));
  }
};
assert.throws = function (errorType, run, message) {
  try {
    run();
  } catch (thrown) {
    if (thrown === null || typeof thrown !== "object" || thrown.constructor !== errorType) {
      throw new Test262Error((message ? message + ": " : "") + "expected a " + errorType.name + ", got " + String(thrown));
    }
    return;
  }
  throw new Test262Error((message ? message + ": " : "") + "expected a " + errorType.name + ", nothing was thrown");
};
