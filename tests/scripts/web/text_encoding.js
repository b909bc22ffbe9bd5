// TextEncoder / TextDecoder (UTF-8 and UTF-16).
const bytes = (u8) => Array.from(u8, (b) => b.toString(16).padStart(2, '0')).join(' ');
const enc = new TextEncoder();
print(enc.encoding, enc.encode('aé€😀') instanceof Uint8Array, bytes(enc.encode('aé€😀')));
print(enc.encode().length, enc.encode(undefined).length, bytes(enc.encode(null)), bytes(enc.encode(12)));
print(bytes(enc.encode('\ud800|\udc00|\ud83d\ude00'))); // lone surrogates become U+FFFD
const fresh = enc.encode('x');
print(fresh.byteOffset, fresh.buffer.byteLength);

// encodeInto: whole characters only; read counts UTF-16 code units.
for (const size of [0, 1, 3, 4, 8, 9]) {
  const target = new Uint8Array(size);
  const result = enc.encodeInto('a€😀', target);
  print(size, JSON.stringify(result), bytes(target));
}
const big = new Uint8Array(10);
const window = big.subarray(2, 6);
print(JSON.stringify(enc.encodeInto('hello', window)), bytes(big));
try { enc.encodeInto('x', new Uint16Array(2)); } catch (e) { print(e.name, e.message); }

// Decoder defaults and labels.
const dec = new TextDecoder();
print(dec.encoding, dec.fatal, dec.ignoreBOM);
for (const label of ['utf8', ' UTF-8\n', 'unicode-1-1-utf-8', 'utf-16', 'UTF-16LE', 'utf-16be', 'ucs-2']) {
  print(JSON.stringify(label), new TextDecoder(label).encoding);
}
for (const label of ['latin1', 'utf-7', '', 'utf 8']) {
  try { new TextDecoder(label); print('accepted?!'); } catch (e) { print(e.name, e.message); }
}
const opts = new TextDecoder('utf-8', { fatal: 1, ignoreBOM: 'yes' });
print(opts.fatal, opts.ignoreBOM);

// Every kind of buffer source, honouring byteOffset/byteLength.
const text = enc.encode('0123456789');
print(dec.decode(text), dec.decode(text.buffer), dec.decode(text.subarray(3, 6)));
print(dec.decode(new DataView(text.buffer, 4, 3)), dec.decode(new Uint16Array(text.buffer, 2, 2)));
print(JSON.stringify(dec.decode()), JSON.stringify(dec.decode(undefined)), JSON.stringify(dec.decode(new Uint8Array(0))));
for (const bad of [null, 'string', [104, 105], {}]) {
  try { dec.decode(bad); print('accepted?!'); } catch (e) { print(e.name); }
}

// Replacement and fatal mode.
const invalid = new Uint8Array([0x61, 0xff, 0x62, 0xe2, 0x82, 0x63, 0xf0, 0x9f, 0x98]);
print(JSON.stringify(dec.decode(invalid)));
try { new TextDecoder('utf-8', { fatal: true }).decode(invalid); } catch (e) { print(e.name, e.message); }
print(new TextDecoder('utf-8', { fatal: true }).decode(enc.encode('fine')));

// BOM handling.
const withBom = new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0x69]);
print(dec.decode(withBom).length, new TextDecoder('utf-8', { ignoreBOM: true }).decode(withBom).length);
print(dec.decode(new Uint8Array([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf])).length); // only the first is a BOM

// Streaming: characters split across chunks.
const streaming = new TextDecoder();
const euro = enc.encode('€😀!');
let out = '';
for (let i = 0; i < euro.length; i++) out += streaming.decode(euro.subarray(i, i + 1), { stream: true });
out += streaming.decode();
print(out, JSON.stringify(new TextDecoder().decode(new Uint8Array([0xe2, 0x82]))));
const unfinished = new TextDecoder('utf-8', { fatal: true });
unfinished.decode(new Uint8Array([0xe2]), { stream: true });
try { unfinished.decode(); } catch (e) { print('end of stream:', e.name); }
print(JSON.stringify(unfinished.decode(enc.encode('next')))); // a new stream starts clean

// UTF-16.
const le = new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x3d, 0xd8, 0x00, 0xde, 0x42]);
print(JSON.stringify(new TextDecoder('utf-16le').decode(le)));
print(JSON.stringify(new TextDecoder('utf-16be').decode(new Uint8Array([0xfe, 0xff, 0x00, 0x41, 0xd8, 0x3d, 0xde, 0x00]))));
print(JSON.stringify(new TextDecoder('utf-16le').decode(new Uint8Array([0x00, 0xd8, 0x41, 0x00]))));
const odd = new Uint8Array([0x00, 0x41, 0x00, 0x42, 0x00, 0x43, 0x00]);
print(new TextDecoder('utf-16le').decode(odd.subarray(1, 5))); // view at an odd offset
try { new TextDecoder('utf-16le', { fatal: true }).decode(new Uint8Array([0x00, 0xdc])); } catch (e) { print(e.name, e.message); }

// Script code run while converting arguments may use the same object.
const reentrant = new TextDecoder();
const options = { get stream() { print('getter sees', reentrant.encoding, reentrant.decode(enc.encode('inner'))); return false; } };
print(reentrant.decode(enc.encode('outer'), options));
print(bytes(enc.encode({ toString() { return enc.encoding + enc.encode('!').length; } })));
try { TextDecoder.prototype.decode.call({}, new Uint8Array(1)); } catch (e) { print(e.name, e.message); }
print(Object.prototype.toString.call(enc), Object.prototype.toString.call(dec));
