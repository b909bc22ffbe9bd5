// Compute workloads. Each prints "<name> <elapsed ms> <checksum>" (the checksum keeps engines from
// skipping work and shows every runtime computed the same thing).
//   wasmedge_boa compute.js [scale] [name]     scale multiplies the work (default 1);
//                                              name runs one workload only.
// Uses only print/console.log and Date, so it runs unchanged under the QuickJS runtime and Node.
const out = typeof print === 'function' ? print : console.log;
const argv = typeof args !== 'undefined' ? args : process.argv.slice(1);
const scale = Number(argv[1] || 1);
const only = argv[2];

function fib(n) {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

const workloads = {
  // Recursive calls.
  recursion() {
    let sum = 0;
    for (let i = 0; i < 48 * scale; i++) sum += fib(20);
    return sum;
  },

  // Short-lived objects and arrays: build, map, filter, sort, reduce.
  objects() {
    let total = 0;
    for (let round = 0; round < 24 * scale; round++) {
      const items = [];
      for (let i = 0; i < 2000; i++) {
        items.push({ id: i, name: 'item' + i, weight: (i * 7919) % 1000, tags: [i % 3, i % 5] });
      }
      const heavy = items.filter((item) => item.weight > 500).map((item) => ({ ...item, weight: item.weight * 2 }));
      heavy.sort((a, b) => a.weight - b.weight || a.id - b.id);
      total += heavy.reduce((acc, item) => acc + item.weight + item.tags.length, 0);
      const index = new Map(items.map((item) => [item.name, item]));
      total += index.get('item' + round).id;
    }
    return total;
  },

  // String building (concatenation and join) and splitting.
  strings() {
    let total = 0;
    for (let round = 0; round < 24 * scale; round++) {
      let text = '';
      for (let i = 0; i < 2000; i++) text += 'word' + (i % 97) + ' ';
      const words = text.split(' ');
      const upper = words.map((w) => w.toUpperCase()).join(',');
      total += upper.length + words.length + upper.indexOf('WORD96') + text.slice(100, 200).length;
      const parts = [];
      for (let i = 0; i < 1000; i++) parts.push(String(i).padStart(5, '0'));
      total += parts.join('').replaceAll('00', '-').length;
    }
    return total;
  },

  // JSON stringify and parse of a nested document.
  json() {
    const doc = { users: [] };
    for (let i = 0; i < 300; i++) {
      doc.users.push({ id: i, name: 'user ' + i, active: i % 2 === 0, score: i * 1.5, address: { city: 'c' + (i % 10), zip: String(10000 + i) }, roles: ['a', 'b', 'c'].slice(0, 1 + (i % 3)) });
    }
    let total = 0;
    for (let round = 0; round < 32 * scale; round++) {
      const text = JSON.stringify(doc);
      const back = JSON.parse(text);
      total += text.length + back.users.length + back.users[round % 300].roles.length;
    }
    return total;
  },

  // Regular expressions: test, match with groups, global replace, split.
  regexp() {
    const lines = [];
    for (let i = 0; i < 500; i++) lines.push('2024-0' + (1 + (i % 9)) + '-1' + (i % 10) + ' user' + i + '@example.org GET /path/' + i + '?q=' + (i * 31) + ' 200');
    const text = lines.join('\n');
    const datePattern = /^(\d{4})-(\d{2})-(\d{2}) (\S+)@(\S+) (GET|POST) (\S+) (\d{3})$/;
    let total = 0;
    for (let round = 0; round < 4 * scale; round++) {
      for (const line of lines) {
        const m = datePattern.exec(line);
        if (m) total += Number(m[3]) + m[7].length;
      }
      total += text.replace(/user(\d+)/g, (_, n) => 'u' + (n % 7)).length;
      total += text.split(/\s+/).length;
      total += (text.match(/\?q=\d+/g) || []).length;
    }
    return total;
  },
};

for (const name of Object.keys(workloads)) {
  if (only && only !== name) continue;
  const start = Date.now();
  const checksum = workloads[name]();
  out(name + ' ' + (Date.now() - start) + ' ' + checksum);
}
