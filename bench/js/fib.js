// fib(27) by plain recursion, timed inside the script: prints "fib27 <ms> <result>".
// Uses only print/console.log and Date, so it runs unchanged under the QuickJS runtime and Node.
const out = typeof print === 'function' ? print : console.log;

function fib(n) {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

const start = Date.now();
const result = fib(27);
out(`fib27 ${Date.now() - start} ${result}`);
