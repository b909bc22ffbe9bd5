// The error type every failing assertion throws, and the guard of negative tests.
function Test262Error(message) {
  this.message = message || "";
}
Test262Error.prototype.toString = function () {
  return "Test262Error: " + this.message;
};
function $DONOTEVALUATE() {
  throw "Test262: this statement should not be evaluated.";
}
