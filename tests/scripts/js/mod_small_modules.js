// string_decoder, querystring, url, timers, timers/promises, assert, encoding.
import { StringDecoder } from 'string_decoder';
import qs from 'querystring';
import url, { fileURLToPath, pathToFileURL, URL as UrlClass } from 'url';
import timers from 'timers';
import { setTimeout as delay, setImmediate as immediate, setInterval as every } from 'timers/promises';
import assert, { AssertionError } from 'assert';
import strictAssert from 'assert/strict';
import { TextEncoder as TE, TextDecoder as TD } from 'encoding';

const euro = Buffer.from('€uro');
const d = new StringDecoder('utf8');
print('decoder:', JSON.stringify([d.write(euro.subarray(0, 1)), d.write(euro.subarray(1, 2)), d.write(euro.subarray(2)), d.end()]));
const d16 = new StringDecoder('utf16le');
print('utf16:', d16.write(Buffer.from([0x68])) + '|' + d16.write(Buffer.from([0x00, 0x69])) + '|' + d16.end(Buffer.from([0x00])));
const d64 = new StringDecoder('base64');
print('base64:', d64.write(Buffer.from('ab')) + '|' + d64.write(Buffer.from('c')) + '|' + d64.end(Buffer.from('d')));
print('truncated:', JSON.stringify(new StringDecoder().end(Buffer.from([0xe2, 0x82]))));
// Tails that cannot become a character decode now, one U+FFFD per maximal invalid part, as Buffer does.
print('invalid tails:', ['f492', 'f8bf', 'e080', 'f0bf', 'edbf', 'c1'].map((h) => {
  const d8 = new StringDecoder('utf8');
  const text = d8.write(Buffer.from(h, 'hex')) + d8.end();
  return text.length + (text === Buffer.from(h, 'hex').toString() ? '=' : '!');
}).join(' '));

print('qs:', JSON.stringify(qs.parse('a=1&b=x%20y&a=2&c&d=+plus')), qs.stringify({ a: [1, 2], b: 'x y!', c: true, d: null }));
print('qs escape:', qs.escape("a b'"), qs.unescape('%41%zz'), JSON.stringify(qs.parse('x:1;y:2', ';', ':')));

print('url global:', url.URL === URL, UrlClass === URL, url.URLSearchParams === URLSearchParams);
print('fileURLToPath:', fileURLToPath('file:///tmp/a%20b.txt'), pathToFileURL('/tmp/a b#.txt').href);
const p = url.parse('http://user:pw@Example.com:8080/p/a/t/h?query=string&x=1#hash', true);
print('legacy parse:', p.protocol, p.auth, p.host, p.hostname, p.port, p.pathname, p.search, JSON.stringify(p.query), p.hash, p.path);
print('legacy parse rel:', JSON.stringify(url.parse('/just/path?x=1')));
print('legacy format:', url.format({ protocol: 'https', hostname: 'h.com', port: 8443, pathname: '/x', query: { a: 1 } }), url.format(p));
print('resolve:', url.resolve('http://a.com/b/c', '../d'), url.resolve('/one/two', 'three'));

const order = [];
const t = timers.setTimeout((v) => order.push('timeout ' + v), 100, 'arg');
print('Timeout:', typeof t.ref, typeof t.unref, t.hasRef(), typeof +t);
const cancelled = timers.setTimeout(() => order.push('cancelled'), 1);
timers.clearTimeout(cancelled);
let n = 0;
const iv = timers.setInterval(() => { order.push('interval'); if (++n === 2) timers.clearInterval(iv); }, 1);
timers.setImmediate(() => order.push('immediate'));
const start = Date.now();
const value = await delay(150, 'delayed');
print('promises.setTimeout:', value, Date.now() - start >= 140);
print('order:', order.join(','));
print('promises.setImmediate:', await immediate('imm'));
let ticks = 0;
for await (const v of every(2, 'tick')) { if (++ticks === 3) break; }
print('promises.setInterval:', ticks);
const ac = new AbortController();
const aborted = delay(10000, 'never', { signal: ac.signal }).catch((e) => e.name);
ac.abort();
print('abort:', await aborted);

const fails = (fn) => { try { fn(); return 'no throw'; } catch (e) { return e instanceof AssertionError ? e.code : e.name; } };
print('assert ok:', fails(() => assert(true)), fails(() => assert(0)), fails(() => assert.ok('')), fails(() => assert.equal(1, '1')), fails(() => assert.strictEqual(1, '1')));
print('assert deep:', fails(() => assert.deepEqual({ a: 1 }, { a: '1' })), fails(() => assert.deepStrictEqual({ a: 1 }, { a: '1' })),
  fails(() => assert.deepStrictEqual([1, { b: [2] }], [1, { b: [2] }])), fails(() => assert.notDeepStrictEqual({ a: 1 }, { a: 1 })));
print('assert throws:', fails(() => assert.throws(() => { throw new TypeError('x'); }, TypeError)),
  fails(() => assert.throws(() => {})), fails(() => assert.throws(() => { throw new Error('abc'); }, /abc/)),
  fails(() => assert.throws(() => { throw new Error('abc'); }, { message: 'abc' })),
  fails(() => assert.doesNotThrow(() => { throw new Error('x'); })), fails(() => assert.match('abc', /^a/)), fails(() => assert.fail('boom')));
print('assert strict:', fails(() => strictAssert.equal(1, '1')), fails(() => assert.strict.deepEqual([1], ['1'])), fails(() => assert.notStrictEqual(1, 2)));
await assert.rejects(Promise.reject(new Error('r')), /r/);
print('rejects:', await assert.rejects(Promise.resolve(1)).then(() => 'resolved', (e) => e.code));
try { assert.strictEqual(1, 2, 'custom message'); } catch (e) { print('message:', e.message, e.actual, e.expected, e.operator, e.generatedMessage); }
try { assert.strictEqual(1, 2); } catch (e) { print('generated:', JSON.stringify(e.message)); }
print('encoding:', TE === TextEncoder, TD === TextDecoder);
