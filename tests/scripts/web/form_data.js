// FormData: the entry list, and its multipart/form-data and urlencoded forms through Request
// and Response bodies (once fetch uses the shared body code) or the Blob family's helpers.
const fd = new FormData();
fd.append('a', '1');
fd.append('a', '2');
fd.append('file', new Blob(['blob bytes'], { type: 'text/x' }));
fd.append('named', new Blob(['z']), 'z.bin');
fd.set('b', 'only');
print([...fd.keys()].join(','), fd.getAll('a').join(','), fd.get('missing'), fd.has('b'));
print(fd.get('file') instanceof File, fd.get('file').name, fd.get('file').type, fd.get('named').name);
fd.set('a', '3');
fd.delete('b');
print(JSON.stringify([...fd].map(([k, v]) => [k, typeof v === 'string' ? v : v.name])));
fd.forEach((value, key) => { if (typeof value === 'string') print('forEach', key, value); });
try { fd.append('x'); } catch (e) { print(e.constructor.name); }
try { fd.append('x', 'y', 'filename'); } catch (e) { print('filename with a string:', e.constructor.name); }
try { new FormData({}); } catch (e) { print('no forms:', e.constructor.name); }

// Serialisation and parsing (the body helpers Request/Response use).
const body = FormData[Symbol.for('wasmedge_boa.internal')];
const form = new FormData();
form.append('text', 'line1\nline2');
form.append('quote"name', new File(['data\r\n'], 'a\nb.txt', { type: 'text/plain' }));
const extracted = body.extractBody(form);
print(extracted.type.startsWith('multipart/form-data; boundary='), extracted.length > 0);
const parsed = await body.consumeBody(extracted, 'formData', extracted.type);
const file = parsed.get('quote"name');
print(JSON.stringify(parsed.get('text')), JSON.stringify(file.name), file.type, JSON.stringify(await file.text()));
const urlencoded = body.extractBody(new URLSearchParams({ q: 'a b', r: 'é' }));
print(urlencoded.type, JSON.stringify([...(await body.consumeBody(urlencoded, 'formData', urlencoded.type))]));
try { await body.consumeBody(body.extractBody('plain'), 'formData', 'text/plain'); } catch (e) { print('not a form:', e.constructor.name); }
