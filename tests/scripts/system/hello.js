// The shape of the reference's example_js/hello.js (shorter delays; the environment listing is
// replaced by a check, because the harness's environment is not fixed).
import * as os from 'os';
import * as std from 'std';
import * as process from 'process';

args = args.slice(1);
print('Hello', ...args);

let id = setTimeout(() => {
  print('setTimeout 200ms cancel');
}, 200);

print(id);
clearTimeout(id);

setTimeout(() => {
  print('setTimeout 200ms');
}, 200);

let env = process.env;
print('env is an object:', typeof env === 'object', 'os and std loaded:', typeof os.open, typeof std.open);

let thenable = {
  data: 1,
  then(onFulfilled, onRejected) {
    print('then:');
    onFulfilled(2);
  },
};

async function xx() {
  let p = new Promise((r) => {
    nextTick(() => {
      print('nextTick');
      r(1);
    });
  });

  let a = sleep(() => {
    print('timeout 100ms');
  }, 100).then((v) => {
    return thenable;
  });
  let x = await p;
  print('end await p', x);
  let v = await a;
  print('end xx', v);
}

xx();

print('end main');
