// string_decoder's partial-character state and argument checks, querystring.unescapeBuffer and
// a replaced querystring.unescape, url.parse's search with parseQueryString.
const { StringDecoder } = require('string_decoder');
const qs = require('querystring');
const url = require('url');

const decoder = new StringDecoder('utf8');
console.log(JSON.stringify(decoder.write(Buffer.from([0xe2, 0x82]))));
console.log(decoder.lastChar, decoder.lastNeed, decoder.lastTotal);
console.log(JSON.stringify(decoder.write(Buffer.from([0xac]))), decoder.lastNeed);
decoder.write(Buffer.from([0xf0, 0x9f]));
console.log(decoder.lastNeed, decoder.lastTotal, JSON.stringify(decoder.end()));
const utf16 = new StringDecoder('utf16le');
utf16.write(Buffer.from([0x41]));
console.log(utf16.lastNeed, utf16.lastTotal);
const b64 = new StringDecoder('base64');
console.log(b64.write(Buffer.from('ab')), b64.lastNeed, b64.lastTotal, b64.end());
for (const bad of [null, 5, {}, new ArrayBuffer(2)]) {
  try { new StringDecoder().write(bad); } catch (err) { console.log(err.code, err.message); }
}
try { StringDecoder.prototype.write.call({}, Buffer.from('a')); } catch (err) { console.log(err.code, err.message); }
console.log(JSON.stringify(new StringDecoder().write(new DataView(new Uint8Array([104, 105]).buffer))));

console.log(qs.unescapeBuffer('%41%42+c%zz%4'));
console.log(qs.unescapeBuffer('a+b', true).toString(), qs.unescapeBuffer('caf%C3%A9').toString());
console.log(JSON.stringify(qs.unescape('100%25 sure')), JSON.stringify(qs.unescape('%E0%A4%A and %41')));
const original = qs.unescape;
qs.unescape = (s) => s.toUpperCase();
console.log(qs.parse('a=b&c=d'));
qs.unescape = original;
console.log(qs.parse('a=b&c=d'));

for (const input of ['/path', '/path?x=1', 'http://example.test', 'http://example.test/?']) {
  const parsed = url.parse(input, true);
  console.log(input, JSON.stringify(parsed.search), parsed.query, parsed.path);
}

// UTF-8 held back by the lead byte alone, as Node; end() decodes what is left.
const chunks = (...hex) => {
  const d = new StringDecoder('utf8');
  const out = hex.map((h) => JSON.stringify(d.write(Buffer.from(h, 'hex'))));
  console.log(hex.join(','), out.join(' '), 'end:' + JSON.stringify(d.end()));
};
chunks('f492'); chunks('f69b', 'd1'); chunks('f4', 'bde5'); chunks('f8'); chunks('e0', '80'); chunks('f09f', '98', '80');
// UTF-16: a pending surrogate waits for its pair across writes.
const pair = new StringDecoder('utf16le');
console.log([pair.write(Buffer.from('3dd8', 'hex')), pair.write(Buffer.from('4d', 'hex')), pair.write(Buffer.from('dc', 'hex')), pair.end()].map((x) => JSON.stringify(x)).join(' '));
