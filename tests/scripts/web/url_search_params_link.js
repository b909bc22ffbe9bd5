// url.searchParams is live: one object, tied both ways to url.search.
const url = new URL('https://h.test/p?b=2&a=1#frag');
const params = url.searchParams;
print(params === url.searchParams, params instanceof URLSearchParams, params.size);

// Params -> URL.
params.append('c', 'x y');
print(url.search, url.href);
params.sort();
print(url.search);
params.set('a', '€');
print(url.href);
params.delete('a');
params.delete('b');
params.delete('c');
print(JSON.stringify(url.search), url.href); // empty list: no '?' at all

// URL -> params.
url.search = '?q=1&q=2';
print(JSON.stringify(params.getAll('q')), params === url.searchParams);
url.search = '';
print(params.size, url.href);
url.href = 'http://other.test/?from=href';
print(params.get('from'), params.size);
url.hash = 'h';
url.pathname = '/new';
print(params.toString(), url.href);

// A query written with other escapes is re-serialised only when the params change.
const raw = new URL('http://h.test/?a=%20b&c=d+e&f');
print(raw.search, JSON.stringify([...raw.searchParams]));
raw.searchParams.append('g', '1');
print(raw.search);

// Changing a copy leaves the URL alone; a detached params object has no URL.
const copy = new URLSearchParams(url.searchParams);
copy.append('extra', '1');
print(url.search, copy.toString());

// Iterating url.searchParams while the URL changes.
const u2 = new URL('http://h.test/?x=1&y=2');
const keys = u2.searchParams.keys();
print(keys.next().value);
u2.search = '?m=1&n=2&o=3';
print(JSON.stringify([...keys]));

// URL.parse results are linked too.
const parsed = URL.parse('http://h.test/?k=v');
parsed.searchParams.set('k', 'w');
print(parsed.href);

// Non-special and opaque URLs.
const opaque = new URL('mailto:a@h.test?subject=hi');
opaque.searchParams.append('body', 'text');
print(opaque.href);
opaque.searchParams.delete('subject');
opaque.searchParams.delete('body');
print(opaque.href);
