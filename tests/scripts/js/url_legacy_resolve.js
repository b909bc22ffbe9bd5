// url.resolve and url.resolveObject: the legacy (RFC 1808, Node) rules rather than WHATWG's —
// a relative path may stay relative, '..' stops at the root of an absolute path, a new known
// protocol without a host takes the first path segment as host, other protocols keep the host
// in the path, and auth is kept or dropped with the host.
import url from 'url';

const cases = [
  ['/foo/bar/baz', 'quux'], ['/foo/bar/baz', '../../../../quux'], ['foo/bar', '../../../baz'],
  ['/foo/bar/', '.'], ['/foo', '..'], ['http://a/b/c/d;p?q', 'g;x?y#s'], ['http://a/b/c/d;p?q', '?y'],
  ['http://a/b/c/d;p?q', '//g/x'], ['http://a/b/c/d;p?q', 'https:/p/a/t/h'], ['http://a/b/c', 'http:g'],
  ['http://u:p@a.com/x', '//b.com/y'], ['http://u:p@a.com/x', '/y'], ['mailto:user@example.org', 'mailto:other.org'],
  ['mailto:local@domain', 'x@y'], ['fred:///s//a/b/c', '../../g'], ['http://localhost', 'file:///etc/hosts'],
  ['https://registry.example/', '@scope/pkg'], ['http://a/b/c', ''], ['http://a/b/c', '#frag'],
];
for (const [from, to] of cases) console.log(`${from} + ${to} = ${url.resolve(from, to)}`);
const o = url.resolveObject(url.parse('http://a.com/b/c?q'), '../d?r#h');
console.log(o instanceof url.Url, JSON.stringify(o));
console.log(url.parse('http://a.com/x/y').resolve('z'), url.resolveObject('', 'kept as is'));
