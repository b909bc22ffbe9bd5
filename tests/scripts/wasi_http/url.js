// wasi_http.URL: the fields http.fetch uses.
import * as http from 'wasi_http';

const url = new http.URL('http://user:secret@127.0.0.1:8001/api/items?id=7&q=a%20b#top');
print(url.scheme, url.username, url.password, url.host, url.port, url.path, url.query);
print(url.href);
print(String(url) === url.href, Object.keys(url).length);
const plain = new http.URL('https://example.com');
print(plain.host, plain.port, plain.path, plain.query, JSON.stringify(plain.password));
print(new http.URL('HTTP://EXAMPLE.com:80/a/../b').href);
for (const bad of ['/relative/only', 'http://exa mple.com/', 'http://[::1']) {
    try {
        new http.URL(bad);
    } catch (e) {
        print('error:', e);
    }
}
