// URL: parsing, components, setters, statics, errors (WHATWG URL Standard).
const show = (u) => JSON.stringify({
  href: u.href, origin: u.origin, protocol: u.protocol, username: u.username, password: u.password,
  host: u.host, hostname: u.hostname, port: u.port, pathname: u.pathname, search: u.search, hash: u.hash,
});

print(show(new URL('https://user:pass@EXAMPLE.org:8443/a/./b/../c%20d?x=1&y=%zz#Frag')));
// Default ports vanish, hosts are lower-cased, IDNA and IPv4/IPv6 are normalised.
print(show(new URL('HTTP://Example.COM:80/')));
print(new URL('http://0x7f.1/').host, new URL('http://[0:0::1]:81/').host, new URL('http://BÜCHER.example/').hostname);
// Relative references against a base.
const base = 'http://h.test/dir/page?q#f';
for (const ref of ['sibling', '../up', '/abs', '?only', '#only', '//other.test/x', 'https:x', '']) {
  print(JSON.stringify(ref), '->', new URL(ref, base).href);
}
print(new URL('x', new URL('http://h.test/a/b')).href); // a URL object as base
print(new URL('#frag', 'mailto:someone@h.test').href); // opaque path base accepts a fragment
print(new URL('file:///C:/dir/../f.txt').href, new URL('blob:http://h.test/id').origin);
print(new URL('data:text/plain,hi there').pathname, new URL('about:blank').origin);
print(new URL('  http://h.test/\t\npath  ').href); // leading/trailing spaces, tabs and newlines

// Errors: TypeError that names the input.
for (const [input, baseURL] of [['/relative'], ['http://a b/'], ['http://[::1'], ['https://h:99999/'], ['x', 'not a base'], ['x', 'mailto:a@b']]) {
  try {
    new URL(input, baseURL);
    print('parsed?!', input);
  } catch (e) {
    print(e instanceof TypeError, e.message);
  }
}
try { new URL(); } catch (e) { print(e.name, e.message); }
try { URL('http://h.test'); } catch (e) { print(e.name); }

// canParse and parse.
print(URL.canParse('http://h.test'), URL.canParse('/p'), URL.canParse('/p', 'http://h.test'), URL.canParse('a', undefined));
print(URL.parse('nope'), URL.parse('/p?a=1', 'http://h.test').href, URL.parse('http://h.test') instanceof URL);
print(URL.parse('http://h.test/?k=v').searchParams.get('k'));

// Setters: valid values apply, invalid ones are ignored; href throws.
const u = new URL('http://h.test/path?a=1#top');
u.protocol = 'https'; print(u.href);
u.protocol = 'mailto'; print(u.protocol); // special -> non-special is refused
u.username = 'me'; u.password = 'p@ss'; print(u.href);
u.host = 'other.test:8080'; print(u.host, u.port);
u.hostname = 'third.test'; print(u.host);
u.port = '443'; print(u.port, u.host); // default port for https
u.port = '99999'; print(u.port);
u.port = 'abc'; print(u.port);
u.port = ''; print(JSON.stringify(u.port));
u.pathname = '/a b/ü'; print(u.pathname);
u.search = 'x=1 2'; print(u.search);
u.search = ''; print(JSON.stringify(u.search), u.href);
u.hash = 'h1'; print(u.hash);
u.hash = ''; print(u.href);
u.href = 'http://reset.test/n?m=1'; print(u.href, u.searchParams.get('m'));
try { u.href = 'not a url'; } catch (e) { print(e.name, e.message); }
print(u.href); // unchanged after the failed set

// Serialisation.
const s = new URL('http://h.test/p?q=1');
print(String(s), s.toString(), s.toJSON(), JSON.stringify({ s }), `${s}`);
print(Object.prototype.toString.call(s), typeof URL.prototype.toString, Object.keys(s).length);
try { URL.prototype.toString.call({}); } catch (e) { print(e.name); }
try { Object.getOwnPropertyDescriptor(URL.prototype, 'href').get.call({}); } catch (e) { print(e.name); }
print('origin' in URL.prototype, Object.getOwnPropertyDescriptor(URL.prototype, 'origin').set);
