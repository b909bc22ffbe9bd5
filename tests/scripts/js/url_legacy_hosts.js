// url.parse's host rules (Node's legacy parser): a character no host name may hold ends the
// host, a non-numeric port moves into the path with one DEP0170 warning, forbidden characters
// throw ERR_INVALID_URL, IPv6 brackets stay in `host` only, unsafe characters are escaped, and
// backslashes before the query are slashes.
import url from 'url';

const warnings = [];
process.on('warning', (w) => warnings.push(`${w.name} ${w.code}`));
const show = (u) => {
  const p = url.parse(u);
  console.log(JSON.stringify([p.auth, p.host, p.hostname, p.port, p.pathname, p.search, p.hash, p.href]));
};
for (const u of [
  'http://a b.com/x', 'http://user@host<x>/y', 'https://evil.com:.example.com', 'ssh://git@github.com:npm/npm',
  'http://[::1]:8080/p', 'http://[fe80::1]', 'http://HOST.example:81/A b?c d#e f', 'http://a\\b\\c?d\\e',
  'javascript:alert(1) x', 'http://a_b+c.com/', 'http://x.com:80:90/a',
]) show(u);
for (const bad of ['http://[127.0.0.1\x00x]:80/', 'http://a[b]c/']) {
  try { url.parse(bad); console.log('no error'); } catch (e) { console.log(e.name, e.code, JSON.stringify(e.input)); }
}
try { url.parse('http://%E0%A4%A@h/'); } catch (e) { console.log(e instanceof URIError, e.code); }
console.log(url.resolveObject('', 'rel'), url.resolveObject(null, 'x/y'));
setTimeout(() => console.log(warnings.join('\n')), 0);
