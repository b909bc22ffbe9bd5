// url: pathToFileURL's encoding (POSIX and Windows forms), urlToHttpOptions on a URL and on a
// plain copy of one, object URLs for Blobs, and the code of a missing URL argument.
import url from 'url';
import { resolveObjectURL } from 'buffer';

for (const path of ['/a b/c#d?e%f', '/x\\y', '/tab\there', '/€/🚀', "/keep!$&'()*+,;=@:_-.~^[]|`{}<>\""]) {
  console.log(url.pathToFileURL(path).href);
}
console.log(url.pathToFileURL('/dir/').href, url.pathToFileURL('/dir/../other/.').href);
for (const path of ['C:\\dir\\file.txt', 'C:\\dir\\', '\\\\server\\share\\a b.doc', '\\\\?\\C:\\long\\path', '\\\\?\\UNC\\srv\\share\\f']) {
  console.log(url.pathToFileURL(path, { windows: true }).href);
}
for (const bad of ['\\\\host', '\\\\\\nothing']) {
  try { url.pathToFileURL(bad, { windows: true }); } catch (error) { console.log(error.code); }
}
for (const bad of [undefined, 42, {}]) {
  try { url.pathToFileURL(bad); } catch (error) { console.log(error.code); }
}

const options = url.urlToHttpOptions(new URL('http://user:p%40ss@[::1]:8080/p/q?x=1#h'));
console.log(JSON.stringify(options));
const copied = url.urlToHttpOptions({ ...new URL('http://example.test/') });
console.log(copied.hostname, Number.isNaN(copied.port), JSON.stringify(copied.path));

const id = URL.createObjectURL(new Blob(['object url body'], { type: 'text/plain' }));
console.log(/^blob:nodedata:[0-9a-f-]{36}$/.test(id));
const blob = resolveObjectURL(id);
console.log(blob.type, blob.size, await blob.text());
URL.revokeObjectURL(id);
console.log(resolveObjectURL(id), resolveObjectURL('blob:nodedata:unknown'));
for (const call of [() => URL.createObjectURL('text'), () => URL.revokeObjectURL(), () => URL.canParse(), () => new URL()]) {
  try { call(); } catch (error) { console.log(error.name, error.code); }
}
console.log(url.parse('/p', true).query === null, Object.getPrototypeOf(url.parse('/p', true).query));
