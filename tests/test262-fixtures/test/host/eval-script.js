// Written for the wasmedge_boa test262 runner fixtures.
/*---
description: $262.evalScript runs a script in the global scope and returns its completion value.
---*/
assert.sameValue($262.evalScript("var fromScript = 21; fromScript * 2;"), 42);
assert.sameValue($262.global.fromScript, 21);
assert.throws(SyntaxError, function () {
  $262.evalScript("var var;");
});
