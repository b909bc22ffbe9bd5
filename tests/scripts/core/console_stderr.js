console.log('out');
console.warn('warned', 1);
console.error('failed', { a: 1 });
console.assert(1 === 2, 'math');
