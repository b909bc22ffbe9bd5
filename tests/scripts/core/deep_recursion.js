// Ordinary deep recursion works.
function depth(n) { return n === 0 ? 0 : 1 + depth(n - 1); }
print(depth(5000));
// Unbounded recursion ends the script with a RangeError (Boa 0.22 cannot let try/catch see it).
function forever(n) { return forever(n + 1) + 1; }
forever(0);
