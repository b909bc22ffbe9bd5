// Async tests report once through print: success, or the failure with its reason.
function $DONE(error) {
  if (error === undefined) {
    print("Test262:AsyncTestComplete");
    return;
  }
  var described = error !== null && typeof error === "object" && "message" in error
    ? (error.constructor && error.constructor.name) + ": " + error.message
    : String(error);
  print("Test262:AsyncTestFailure:" + described);
}
