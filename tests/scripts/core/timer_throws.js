setTimeout(() => { throw new Error('from a timer'); }, 1);
setTimeout(() => print('never runs'), 30);
