const p = Promise.reject(new Error('handled later in the same turn'));
p.catch((e) => print('caught:', e.message));
