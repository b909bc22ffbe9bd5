print('start');
async function fails() {
    await null;
    throw new RangeError('async failure');
}
fails();
setTimeout(() => print('never runs'), 50);
