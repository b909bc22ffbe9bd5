print('before');
function thrower() {
    throw new TypeError('bad thing');
}
setTimeout(() => print('never runs'), 10);
thrower();
