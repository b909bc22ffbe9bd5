let n = 0;
const id = setInterval((label) => {
    n += 1;
    print(label, n);
    if (n === 3) clearInterval(id);
}, 5, 'tick');
// A cleared interval no longer keeps the process alive: this script must exit.
const never = setInterval(() => print('never'), 1000);
clearInterval(never);
print(typeof id, String(id));
