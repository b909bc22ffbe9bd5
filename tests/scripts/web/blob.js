// Blob and File: parts, types, slicing, readers, stream().
const blob = new Blob(['héllo', new Uint8Array([33, 10]), new Blob(['x']), new ArrayBuffer(2)], { type: 'Text/Plain' });
print(blob.size, JSON.stringify(blob.type), Object.prototype.toString.call(blob));
print(JSON.stringify(await blob.text()));
const slice = blob.slice(1, -4, 'application/X');
print(slice.size, slice.type, JSON.stringify(await slice.text()));
print(blob.slice(-3).size, blob.slice(100).size, blob.slice(5, 2).size);
print((await blob.arrayBuffer()).byteLength, (await blob.bytes()).constructor.name);
print(JSON.stringify(new Blob(['a\r\nb\rc'], { endings: 'native' }).size), new Blob(['x'], { type: 'bad\u00e9' }).type === '');
try { new Blob('not a sequence'); } catch (e) { print('string parts:', e.constructor.name); }
try { new Blob([], { endings: 'weird' }); } catch (e) { print('bad endings:', e.constructor.name); }
print(JSON.stringify(await new Blob([new Uint8Array([0xef, 0xbb, 0xbf, 0x41, 0xff])]).text()));

let streamed = 0, chunks = 0;
const big = new Blob([new Uint8Array(200000)]);
for await (const chunk of big.stream()) { streamed += chunk.byteLength; chunks++; }
print('stream:', streamed, chunks > 1);

const file = new File(['abc'], 'notes.txt', { type: 'text/plain', lastModified: 1700000000000 });
print(file.name, file.size, file.type, file.lastModified, file instanceof Blob, Object.prototype.toString.call(file));
print(typeof new File([], 'now').lastModified, await file.slice(1).text(), file.slice(1) instanceof File);
try { new File(['x']); } catch (e) { print('no name:', e.constructor.name); }
